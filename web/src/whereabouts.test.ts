// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { AT_THE_DOOR_M, placed, walkedFrom } from './whereabouts';

const at: [number, number] = [9.52, 47.14];

describe('where the list is walked from', () => {
  it('is the house at the point, or near it', () => {
    const house = { kind: 'address' as const, name: 'Städtle 35', locality: 'Vaduz', position: at, distance_m: 4 };
    expect(walkedFrom(house)).toBe('From Städtle 35, Vaduz');
    expect(walkedFrom({ ...house, distance_m: AT_THE_DOOR_M + 1 })).toBe('From near Städtle 35, Vaduz');
    expect(walkedFrom({ ...house, locality: undefined })).toBe('From Städtle 35');
  });

  it('is the street, the neighbourhood or the nearest town, where no house is near', () => {
    expect(walkedFrom({ kind: 'neighbourhood', name: 'Planken', position: at, distance_m: 0 })).toBe('From a point in Planken');
    expect(walkedFrom({ kind: 'locality', name: 'Buchs', position: at, distance_m: 900 })).toBe('From a point near Buchs');
    expect(walkedFrom({ kind: 'locality', name: 'Vaduz', position: at, distance_m: 3574 })).toBe('From a point 3.6 km from Vaduz');
    expect(walkedFrom({ kind: 'street', name: 'Avenida Ipiranga', position: at, distance_m: 40 })).toBe('From a point near Avenida Ipiranga');
    // Farther (where nothing closer names the point), how far.
    expect(walkedFrom({ kind: 'street', name: 'Rua Arambaré', position: at, distance_m: 337.6 })).toBe('From a point 340 m from Rua Arambaré');
    expect(walkedFrom(null)).toBeNull();
  });

  it('places a planner\'s site by the same words', () => {
    const house = { kind: 'address' as const, name: 'Städtle 35', locality: 'Vaduz', position: at, distance_m: 4 };
    expect(placed(house)).toBe('at Städtle 35, Vaduz');
    expect(placed({ ...house, distance_m: 60 })).toBe('near Städtle 35, Vaduz');
    expect(placed({ kind: 'street', name: 'Landstrasse', locality: 'Vaduz', position: at, distance_m: 40 })).toBe('near Landstrasse, Vaduz');
    expect(placed({ kind: 'neighbourhood', name: 'Planken', position: at, distance_m: 0 })).toBe('in Planken');
    expect(placed({ kind: 'locality', name: 'Vaduz', position: at, distance_m: 3574 })).toBe('3.6 km from Vaduz');
  });
});
