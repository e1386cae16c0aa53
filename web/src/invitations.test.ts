import { describe, expect, it } from 'vitest';
import type { Invitation } from './api';
import { invitationWords, openLinkWords } from './invitations';

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
