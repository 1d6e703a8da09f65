import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { hashing, hashPassword, verifyPassword } from './passwords.ts';

describe('password hashes (argon2id)', () => {
  it('verifies the password it hashed and refuses another, or a user without a hash', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored, 'correct horse')).toBe(true);
    expect(await verifyPassword(stored, 'wrong horse')).toBe(false);
    expect(await verifyPassword(undefined, 'correct horse')).toBe(false);
    expect(await verifyPassword('not a hash', 'correct horse')).toBe(false);
  });

  it('runs one hash per core at a time, the others wait their turn (docs/adr/0003)', async () => {
    await verifyPassword(undefined, 'x'); // the module's own hash (for unknown users) is made
    const cores = os.availableParallelism();
    const many = Array.from({ length: cores + 3 }, (_, i) => hashPassword(`password ${i}`));
    await Promise.resolve();
    expect(hashing.activeCount).toBe(cores);
    expect(hashing.pendingCount).toBe(3);
    const hashes = await Promise.all(many);
    expect(new Set(hashes).size).toBe(cores + 3);
    expect(hashing.activeCount + hashing.pendingCount).toBe(0);
  });
});
