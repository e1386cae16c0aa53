import { describe, expect, it } from 'vitest';
import type { Invitation } from './api';
import { inviteLink, invitationWords, openLinkWords, splitInvite } from './invitations';

const SECRET = 'ab'.repeat(32);

describe('an invitation link', () => {
  it('opens the Commons panel with its secret in the fragment, never sent to the server', () => {
    expect(inviteLink('https://learn.example', '/', SECRET)).toBe(`https://learn.example/?mode=commons#invite=${SECRET}`);
  });

  it('gives its secret and leaves the rest of the fragment as it was', () => {
    expect(splitInvite(`#invite=${SECRET}`)).toEqual({ secret: SECRET, rest: '' });
    expect(splitInvite(`#map=12/47.1/9.5&invite=${SECRET.toUpperCase()}`)).toEqual({ secret: SECRET, rest: '#map=12/47.1/9.5' });
    expect(splitInvite('#map=12/47.1/9.5')).toEqual({ secret: null, rest: '#map=12/47.1/9.5' });
  });

  it('ignores what is no secret', () => {
    expect(splitInvite('#invite=nonsense').secret).toBeNull();
    expect(splitInvite(`#invite=${SECRET}0`).secret).toBeNull();
    expect(splitInvite('').secret).toBeNull();
  });
});

describe('the words', () => {
  it('say who invites to what', () => {
    expect(invitationWords({ group: { id: 1, name: 'Repair Café', description: '' }, invited_by: 'Ana', expires_at: '2026-12-11T12:00:00Z' }))
      .toBe('Ana invites you to steward “Repair Café”: to register and look after what it shares, with its other stewards.');
  });

  it('say who made an open link and until when, the year only when it is another', () => {
    const i: Invitation = { id: 3, group: 1, invited_by: { id: 7, display_name: 'Bo' }, created_at: '2026-12-04T12:00:00Z', expires_at: '2026-12-11T12:00:00Z' };
    expect(openLinkWords(i, new Date('2026-12-04T12:00:00Z'))).toBe('Made by Bo, open until 11 Dec');
    expect(openLinkWords({ ...i, expires_at: '2027-01-02T12:00:00Z' }, new Date('2026-12-30T12:00:00Z'))).toBe('Made by Bo, open until 2 Jan 2027');
  });
});
