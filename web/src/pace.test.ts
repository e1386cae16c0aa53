import { describe, expect, it } from 'vitest';
import { minutesAt, paceOf, paceOptions, parsePace } from './pace';

describe('walking pace', () => {
  it('offers slower and faster paces around the city’s, which the link leaves out', () => {
    const options = paceOptions(5);
    expect(options.map((o) => o.label)).toEqual([
      '3 km/h, slower', '3.5 km/h, slower', '4 km/h, slower', '4.5 km/h, slower',
      "5 km/h, the city's", '5.5 km/h, faster', '6 km/h, faster',
    ]);
    expect(options.find((o) => o.label.includes("city's"))?.value).toBe('');
  });

  it('adds a city pace that is none of the offered ones, in its place', () => {
    const options = paceOptions(4.2);
    expect(options.map((o) => o.value)).toEqual(['3', '3.5', '4', '', '4.5', '5', '5.5', '6']);
    expect(options[3].label).toBe("4.2 km/h, the city's");
    expect(paceOptions(5, 7).at(-1)).toEqual({ value: '7', label: '7 km/h, faster' });
  });

  it('reads a link’s pace in half steps within what the API takes', () => {
    expect(parsePace('3.5')).toBe(3.5);
    expect(parsePace('4.2')).toBe(4);
    expect(parsePace('1.4')).toBeNull();
    expect(parsePace('9')).toBeNull();
    expect(parsePace(null)).toBeNull();
  });

  it('asks for no pace when the pick is the city’s own', () => {
    expect(paceOf(5, 5)).toBeNull();
    expect(paceOf(3.5, 5)).toBe(3.5);
    expect(paceOf(null, 5)).toBeNull();
  });

  it('takes twice as long at half the pace', () => {
    expect(minutesAt(15, 5, 2.5)).toBe(30);
    expect(minutesAt(12, 5, 4)).toBe(15);
  });
});
