// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { phoneHref, phoneNumber, postalAddress } from './contact';

describe('a place card says how to find and reach the place', () => {
  it('writes the address as a letter would', () => {
    expect(postalAddress({ 'addr:street': 'Städtle', 'addr:housenumber': '35', 'addr:postcode': '9490', 'addr:city': 'Vaduz' }))
      .toBe('Städtle 35, 9490 Vaduz');
    expect(postalAddress({ 'addr:place': 'Masescha', 'addr:housenumber': '4' })).toBe('Masescha 4');
    expect(postalAddress({ 'addr:street': 'Städtle', 'addr:city': 'Vaduz' })).toBe('Städtle, Vaduz');
    expect(postalAddress({ 'addr:city': 'Vaduz', 'addr:postcode': '9490' })).toBeNull();
    expect(postalAddress({ 'addr:street': '  ' })).toBeNull();
  });

  it('links a number a phone can dial, and nothing else', () => {
    expect(phoneNumber({ 'contact:phone': '+423 236 63 63' })).toBe('+423 236 63 63');
    expect(phoneNumber({ phone: '+423 1', 'contact:phone': '+423 2' })).toBe('+423 1');
    expect(phoneNumber({})).toBeNull();
    expect(phoneHref('+423 236 63 63')).toBe('tel:+4232366363');
    expect(phoneHref('+41 (0)81 123-45-67; +41 81 000 00 00')).toBe('tel:+410811234567');
    expect(phoneHref('javascript:alert(1)')).toBeNull();
    expect(phoneHref('call the caretaker')).toBeNull();
  });
});
