import { describe, expect, it } from 'vitest';
import { directionLines, roughMetres, type RouteLeg } from './directions';

const leg = (along: string | null, klass: string | null, meters: number, turn: RouteLeg['turn'], heading: RouteLeg['heading'] = 'north'): RouteLeg =>
  ({ along, class: klass, meters, turn, heading });

describe('directions', () => {
  it('say where to head, each turn onto each street with how far, and where it ends', () => {
    const lines = directionLines([
      leg('Städtle', 'pedestrian', 164.0, null, 'south'),
      leg('Kirchstrasse', 'minor', 130.6, 'right', 'west'),
      leg('Gerberweg', 'minor', 135.7, 'slight_left', 'south'),
      leg(null, 'path', 42, 'sharp_right', 'west'),
      leg('Peter-Kaiser-Platz', 'pedestrian', 23.6, 'straight', 'west'),
    ], 'Landesbibliothek');
    expect(lines).toEqual([
      'Head south along Städtle, 160 m',
      'Turn right onto Kirchstrasse, 130 m',
      'Bear left onto Gerberweg, 140 m',
      'Turn sharp right onto a path, 40 m',
      'Continue onto Peter-Kaiser-Platz, 25 m',
      'Arrive at Landesbibliothek',
    ]);
  });

  it('name an unnamed way by its kind', () => {
    expect(directionLines([leg(null, 'track', 300, null, 'north-east'), leg(null, null, 12, 'left')], 'Park by Äulestrasse'))
      .toEqual(['Head north-east on a track, 300 m', 'Turn left onto the way, 10 m', 'Arrive at Park by Äulestrasse']);
  });

  it('say nothing of a walk of no length', () => {
    expect(directionLines([], 'Landesbibliothek')).toEqual([]);
  });

  it('round metres as a walker reckons them', () => {
    expect(roughMetres(2)).toBe('5 m');
    expect(roughMetres(97)).toBe('95 m');
    expect(roughMetres(1570.3)).toBe('1.6 km');
    expect(roughMetres(4367)).toBe('4.4 km');
  });
});
