import { describe, expect, it } from 'vitest';
import type { Group } from './api';
import { everyGroupWords, removedWords, stewardRows, stewardedBy } from './groups';

const group = (stewards: [number, string][]): Group => ({
  id: 3,
  name: 'Repair Café',
  stewards: stewards.map(([id]) => id),
  steward_accounts: stewards.map(([id, display_name]) => ({ id, display_name })),
});

describe('a group card', () => {
  it('lets one step down and remove others, when there are others', () => {
    expect(stewardRows(group([[7, 'Ana'], [8, 'Bo']]), 7)).toEqual([
      { id: 7, name: 'Ana', you: true, action: 'Step down' },
      { id: 8, name: 'Bo', you: false, action: 'Remove' },
    ]);
  });

  it('offers the last steward no way out', () => {
    expect(stewardRows(group([[7, 'Ana']]), 7)).toEqual([{ id: 7, name: 'Ana', you: true, action: null }]);
  });

  it('lets a moderator viewing it remove even the last steward', () => {
    expect(stewardRows(group([[8, 'Bo']]), 1)[0].action).toBe('Remove');
  });

  it('says who no longer stewards it', () => {
    const g = group([[7, 'Ana'], [8, 'Bo']]);
    const [ana, bo] = stewardRows(g, 7);
    expect(removedWords(g, ana)).toBe('You no longer steward “Repair Café”.');
    expect(removedWords(g, bo)).toBe('Bo no longer stewards “Repair Café”.');
  });
});

describe("the moderators' list of every group", () => {
  it('counts the groups waiting on a moderator', () => {
    expect(everyGroupWords([group([[7, 'Ana']])])).toBe('Every group (1)');
    expect(everyGroupWords([group([]), group([]), group([[7, 'Ana']])])).toBe('Every group (3): 2 without a steward');
  });

  it("leaves a moderator's own groups to their list", () => {
    expect(stewardedBy(group([[7, 'Ana'], [8, 'Bo']]), 8)).toBe(true);
    expect(stewardedBy(group([[7, 'Ana']]), 8)).toBe(false);
    expect(stewardedBy(group([]), 8)).toBe(false);
  });
});
