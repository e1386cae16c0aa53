import { describe, expect, it } from 'vitest';
import { roleWords } from './roles';

describe('a role given', () => {
  it('is said in words', () => {
    expect(roleWords({ display_name: 'Ana', role: 'moderator' })).toBe('Ana is a moderator now.');
    expect(roleWords({ display_name: 'Ana', role: 'admin' })).toBe('Ana is an admin now.');
    expect(roleWords({ display_name: 'Ana', role: 'member' })).toBe('Ana is a member now, and moderates no more.');
  });
});
