import { describe, expect, it } from 'vitest';
import { endedWords, erasureWarning, stewardedAlone } from './account';
import type { Me } from './api';

describe('endedWords', () => {
  it('counts the other sign-ins that ended', () => {
    expect(endedWords(0)).toBe('No other sign-in was open.');
    expect(endedWords(1)).toBe('1 other sign-in (browsers or API tokens) ended.');
    expect(endedWords(3)).toBe('3 other sign-ins (browsers or API tokens) ended.');
  });
});

describe('erasing an account', () => {
  const me = {
    account: { id: 7, email: 'ana@example.org', display_name: 'Ana', role: 'member', created_at: '' },
    groups: [
      { id: 1, name: 'Nur Ana', stewards: [7] },
      { id: 2, name: 'Gemeinsam', stewards: [7, 8] },
      { id: 3, name: 'Ohne Liste' },
    ],
  } as Me;

  it('finds the groups only this person stewards', () => {
    expect(stewardedAlone(me)).toEqual(['Nur Ana']);
  });

  it('warns about those groups before confirming', () => {
    expect(erasureWarning([])).not.toContain('only steward');
    expect(erasureWarning(['Nur Ana'])).toContain('only steward of “Nur Ana”: add another steward first, or only moderators can change it.');
    expect(erasureWarning(['A', 'B'])).toContain('“A”, “B”: add another steward first, or only moderators can change them.');
  });
});
