// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { LONGEST_WALK, longWalkNote } from './long-walk';

describe('a nearest place beyond the longest walk', () => {
  it('is said to be so, in hours where it takes them', () => {
    expect(LONGEST_WALK).toBe(30);
    expect(longWalkNote(30)).toBeNull();
    expect(longWalkNote(4)).toBeNull();
    expect(longWalkNote(131.2)).toBe('None of the chosen kinds of learning space is within a 30 min walk of here: the nearest takes 2 h 11 min.');
    expect(longWalkNote(31)).toBe('None of the chosen kinds of learning space is within a 30 min walk of here: the nearest takes 31 min.');
  });

  it('is said of those open then, where only they are listed', () => {
    expect(longWalkNote(45, 'now')).toBe('None of the chosen kinds of learning space open now is within a 30 min walk of here: the nearest takes 45 min.');
    expect(longWalkNote(20, 'on Tue 1 Dec, 10:30')).toBeNull();
  });
});
