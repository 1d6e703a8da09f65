import type { RoleCode } from '@crm/contracts';
import { INITIAL_ROLES } from '@crm/contracts/values';
import type { TFunction } from 'i18next';

/** The role as the system created it, when `code` is one of the built-in roles. */
const builtIn = (code: string) => (Object.hasOwn(INITIAL_ROLES, code) ? INITIAL_ROLES[code as RoleCode] : undefined);

/**
 * A role as people read it: a built-in role by its name in the reader's language while it keeps the name it was
 * created with; a renamed or new role by the name it was given.
 */
export function roleLabel(t: TFunction, code: string, name?: string): string {
  const initial = builtIn(code);
  return initial && (name === undefined || name === initial.name) ? t(`access:roleNames.${code}`) : (name ?? code);
}

/**
 * The same for the description: a built-in role's own description in the reader's language, an edited one as written.
 */
export function roleDescription(t: TFunction, code: string, description: string | null | undefined): string {
  const initial = builtIn(code);
  return initial && description === initial.description ? t(`access:roleDescriptions.${code}`) : (description ?? '');
}
