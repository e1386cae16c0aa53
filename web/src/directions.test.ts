import { describe, expect, it } from 'vitest';
import { type Bar, directionLines, roughMetres, type RouteLeg } from './directions';

const leg = (along: string | null, klass: string | null, meters: number, turn: RouteLeg['turn'], heading: RouteLeg['heading'] = 'north', steps = false, bars: Bar[] = []): RouteLeg =>
  ({ along, class: klass, meters, turn, heading, steps, barred: bars.length > 0, bars });

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

  it('say where the walk takes steps, to the metre, by the street they run beside', () => {
    expect(directionLines([
      leg('Städtle', 'pedestrian', 150, null, 'north'),
      leg(null, 'path', 12.4, 'left', 'west', true),
      leg('Kirchstrasse', 'minor', 200, 'right', 'north'),
      leg('Kirchstrasse', 'path', 38.6, 'straight', 'north', true),
    ], 'Landesbibliothek')).toEqual([
      'Head north along Städtle, 150 m',
      'Turn left and take the steps, 12 m',
      'Turn right onto Kirchstrasse, 200 m',
      'Take the steps by Kirchstrasse, 39 m',
      'Arrive at Landesbibliothek',
    ]);
    expect(directionLines([leg(null, 'path', 8, null, 'south', true)], 'Park')[0]).toBe('Head south on the steps, 8 m');
  });

  it('say which legs pass what bars a wheelchair, and what it is', () => {
    expect(directionLines([
      leg('Städtle', 'pedestrian', 150, null, 'north', false, ['turnstile']),
      leg(null, 'path', 12.4, 'left', 'west', true, ['other']),
      leg('Kirchstrasse', 'minor', 200, 'right', 'north'),
      leg(null, 'path', 80, 'left', 'west', false, ['way']),
      leg('Gerberweg', 'minor', 90, 'right', 'north', false, ['raised_kerb', 'way', 'stile', 'kissing_gate']),
      leg(null, 'track', 300, 'left', 'west', false, ['rough']),
      leg('Forstweg', 'track', 120, 'right', 'north', false, ['rough', 'turnstile', 'way']),
    ], 'Landesbibliothek')).toEqual([
      'Head north along Städtle, 150 m, past a turnstile',
      'Turn left and take the steps, 12 m, past a barrier to wheelchairs',
      'Turn right onto Kirchstrasse, 200 m',
      'Turn left onto a path, 80 m, on a stretch marked not for wheelchairs',
      'Turn right onto Gerberweg, 90 m, past a raised kerb, a stile and a kissing gate and on a stretch marked not for wheelchairs',
      'Turn left onto a track, 300 m, on a stretch too rough for wheelchairs',
      'Turn right onto Forstweg, 120 m, past a turnstile and on a stretch too rough for wheelchairs and a stretch marked not for wheelchairs',
      'Arrive at Landesbibliothek',
    ]);
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
