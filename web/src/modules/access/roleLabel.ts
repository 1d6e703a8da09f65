import type { TFunction } from 'i18next';

/** A role as people read it: built-in roles by their translated name, others by the name they were given. */
export function roleLabel(t: TFunction, code: string, name?: string): string {
  const key = `access:roleNames.${code}`;
  return /^[a-z][a-z0-9_-]*$/.test(code) && t(key) !== key ? t(key) : (name ?? code);
}
