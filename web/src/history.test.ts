import { describe, expect, it } from 'vitest';
import { type History, historyLines } from './history';

const history: History = {
  id: 4,
  revisions: [
    { number: 1, state: 'approved', author: 7, created_at: '2026-12-04T10:00:00Z', comment: '' },
    { number: 2, state: 'superseded', author: 8, created_at: '2026-12-04T11:00:00Z', comment: 'neue Zeiten' },
    { number: 3, state: 'pending', author: 7, created_at: '2026-12-04T12:00:00Z', comment: '' },
  ],
  moderation: [
    { revision: 1, actor: 1, action: 'approve', reason: '', at: '2026-12-04T10:00:00Z' },
    { revision: 3, actor: 1, action: 'archive', reason: 'closed for good', at: '2026-12-04T13:00:00Z' },
    { revision: 3, actor: 7, action: 'restore', reason: '', at: '2026-12-04T14:00:00Z' },
  ],
  people: [{ id: 7, display_name: 'Ana' }, { id: 1, display_name: 'Moderator' }],
};

describe('a resource history', () => {
  it('reads oldest first, by name, a decision after the revision it is about', () => {
    expect(historyLines(history).map((l) => l.text)).toEqual([
      'Revision 1 by Ana (approved)',
      'Revision 1 approved by Moderator',
      'Revision 2 by account 8: “neue Zeiten” (replaced before review)',
      'Revision 3 by Ana (awaits review)',
      'Archived by Moderator: “closed for good”',
      'Restored by Ana',
    ]);
  });

  it('reads the public history, which names nobody', () => {
    expect(historyLines({ id: 4, revisions: [history.revisions[0]] }).map((l) => l.text)).toEqual(['Revision 1 by account 7 (approved)']);
  });
});
