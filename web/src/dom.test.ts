// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { safeUrl } from './dom';

describe('safeUrl', () => {
  it('keeps http(s) and adds https to a bare host', () => {
    expect(safeUrl('https://example.org/a')).toBe('https://example.org/a');
    expect(safeUrl('www.example.org')).toBe('https://www.example.org/');
  });
  it('refuses script and data links', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,<b>x</b>')).toBeNull();
    expect(safeUrl('')).toBeNull();
  });
});
