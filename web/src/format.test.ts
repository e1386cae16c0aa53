import { describe, expect, it } from 'vitest';
import * as fmt from './format';

describe('a walking time', () => {
  it('says the distance it stands for at the pace it was measured at', () => {
    expect(fmt.walk(15, 5)).toBe('15 min walk (1.3 km at 5 km/h)');
    expect(fmt.walk(10, 5)).toBe('10 min walk (833 m at 5 km/h)');
    // A slower pace: the same minutes reach less far.
    expect(fmt.walk(15, 3.5)).toBe('15 min walk (875 m at 3.5 km/h)');
  });
  it('says when it avoids steps', () => {
    expect(fmt.walk(15, 5, true)).toBe('15 min walk avoiding steps (1.3 km at 5 km/h)');
  });
});

describe('a walk time in minutes', () => {
  it('counts hours from an hour on, as people say them', () => {
    expect([0.4, 1, 14.6, 59.4, 59.6, 60, 131, 235.3].map(fmt.minutes))
      .toEqual(['< 1 min', '1 min', '15 min', '59 min', '1 h', '1 h', '2 h 11 min', '3 h 55 min']);
    expect(fmt.minutes(null)).toBe('–');
  });
});
