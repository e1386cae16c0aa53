import { describe, expect, it } from 'vitest';
import { secretLink, splitSecret } from './link-secret';

const SECRET = 'ab'.repeat(32);

describe('a link holding a secret', () => {
  it('opens the Commons panel with its secret in the fragment, never sent to the server', () => {
    expect(secretLink('https://learn.example', '/', 'invite', SECRET)).toBe(`https://learn.example/?mode=commons#invite=${SECRET}`);
    expect(secretLink('https://learn.example', '/map/', 'reset', SECRET)).toBe(`https://learn.example/map/?mode=commons#reset=${SECRET}`);
  });

  it('gives its secret and leaves the rest of the fragment as it was', () => {
    expect(splitSecret(`#invite=${SECRET}`, 'invite')).toEqual({ secret: SECRET, rest: '' });
    expect(splitSecret(`#map=12/47.1/9.5&invite=${SECRET.toUpperCase()}`, 'invite')).toEqual({ secret: SECRET, rest: '#map=12/47.1/9.5' });
    expect(splitSecret('#map=12/47.1/9.5', 'invite')).toEqual({ secret: null, rest: '#map=12/47.1/9.5' });
    expect(splitSecret(`#reset=${SECRET}&map=12/47.1/9.5`, 'reset')).toEqual({ secret: SECRET, rest: '#map=12/47.1/9.5' });
  });

  it('keeps one kind apart from the other', () => {
    expect(splitSecret(`#reset=${SECRET}`, 'invite')).toEqual({ secret: null, rest: `#reset=${SECRET}` });
    expect(splitSecret(`#invite=${SECRET}`, 'reset').secret).toBeNull();
  });

  it('ignores what is no secret', () => {
    expect(splitSecret('#invite=nonsense', 'invite').secret).toBeNull();
    expect(splitSecret(`#reset=${SECRET}0`, 'reset').secret).toBeNull();
    expect(splitSecret('', 'invite').secret).toBeNull();
  });
});
