import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with OWASP's parameters: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

/** A hash to verify against when the user does not exist, so that both answers take the same time. */
const dummy = hashPassword('not-a-real-password-at-all');

export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  try {
    return await verify(storedHash ?? (await dummy), password);
  } catch {
    return false;
  }
}
