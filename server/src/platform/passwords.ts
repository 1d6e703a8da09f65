import os from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';

// argon2id (the library's default algorithm) with OWASP's parameters: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Hashes at once: one per core. More run no faster — each keeps a core busy — but each holds its 19 MiB meanwhile
 * (libuv would run four at a time: 76 MB at 16 sign-ins at once; docs/adr/0003-embedded-database-memory.md).
 */
export const hashing = pLimit(os.availableParallelism());

export const hashPassword = (password: string) => hashing(() => hash(password, OPTIONS));

/** A hash to verify against when the user does not exist, so that both answers take the same time. */
const dummy = hashPassword('not-a-real-password-at-all');

export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  try {
    const against = storedHash ?? (await dummy);
    return await hashing(() => verify(against, password));
  } catch {
    return false;
  }
}
