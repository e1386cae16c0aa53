import { describe, expect, it } from 'vitest';
import type { Account } from './api';
import { openResetWords, ownLinkWords, resetDoneWords, resetWords } from './password-reset';

const preview = { account: { display_name: 'Bo', email: 'bo@example.org' }, expires_at: '2026-12-06T12:00:00Z' };
const account = (display_name: string, email: string): Account =>
  ({ id: 1, display_name, email, role: 'admin', created_at: '2026-12-01T12:00:00Z' });

describe('a password reset link', () => {
  it('says whose password it sets', () => {
    expect(resetWords(preview, null)).toBe('This link sets a new password for Bo (bo@example.org).');
    expect(resetWords(preview, account('Bo', 'bo@example.org'))).toBe('This link sets a new password for Bo (bo@example.org).');
  });

  it('warns one signed in as someone else that it signs them in as its account', () => {
    expect(resetWords(preview, account('Ana', 'ana@example.org')))
      .toBe('This link sets a new password for Bo (bo@example.org). You are signed in as Ana: setting it signs you in as Bo instead.');
  });

  it('says what setting it ended', () => {
    const used = (revoked: number) => ({ account: account('Bo', 'bo@example.org'), csrf_token: 'x', revoked });
    expect(resetDoneWords(used(0))).toBe('Your new password is set, and you are signed in.');
    expect(resetDoneWords(used(1))).toBe('Your new password is set, and you are signed in. One session or token signed in with the old one ended.');
    expect(resetDoneWords(used(3))).toBe('Your new password is set, and you are signed in. 3 sessions and tokens signed in with the old one ended.');
  });

  it('is listed for admins: for whom, by whom, until when', () => {
    const r = { id: 4, account: account('Bo', 'bo@example.org'), made_by: { id: 1, display_name: 'Ana' }, created_at: '2026-12-04T12:00:00Z', expires_at: '2026-12-06T12:00:00Z' };
    expect(openResetWords(r, new Date('2026-12-04T12:00:00Z'))).toBe('For Bo (bo@example.org), made by Ana, open until 6 Dec');
  });

  it('is told to the owner of the account it is for', () => {
    expect(ownLinkWords({ made_by: 'Ana', expires_at: '2026-12-06T12:00:00Z' }, new Date('2026-12-04T12:00:00Z')))
      .toBe('Ana made a link that sets a new password for your account, open until 6 Dec. If you did not ask for one, withdraw it: your password stays as it is.');
  });
});
