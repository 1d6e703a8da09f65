import { createHash, randomBytes } from 'node:crypto';
import {
  type DataScope,
  type DataScopeValue,
  isPermission,
  type Permission,
  SCOPE_FAMILIES,
  widestScope,
} from '@crm/contracts';
import type { Actor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { PrincipalRow } from './session-repo.ts';

/** Writing last-seen (or last-used) on every request would turn every read into a write; a minute's slack is enough. */
export const TOUCH_AFTER_MS = 60_000;

export const accountDisabled = () => new AppError('ACCOUNT_DISABLED', 'This account is disabled; ask an administrator');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** 256 random bits. */
export const newToken = () => randomBytes(32).toString('base64url');

/** Per family the widest scope of the user's roles; a family no role grants is `self`. */
export function effectiveScope(scopes: string[]): DataScope {
  const granted = scopes.map((s) => s.split(':') as [string, DataScopeValue]);
  const widest = (family: string) => widestScope(granted.filter(([f]) => f === family).map(([, scope]) => scope));
  return Object.fromEntries(SCOPE_FAMILIES.map((family) => [family, widest(family)])) as DataScope;
}

/**
 * The actor of a request. `granted` narrows the user's current permissions (an API token's own list): the actor
 * holds only what is in both (docs/sign-in.md#api-tokens, rule 3).
 */
export function toActor(
  row: PrincipalRow,
  via: { sessionHash: string | null; tokenId: number | null; narrowTo?: string[] | null },
): Actor {
  const held = row.permissions.filter(isPermission);
  const granted = new Set(via.narrowTo ? held.filter((p) => via.narrowTo!.includes(p)) : held);
  return {
    id: row.userId,
    username: row.username,
    displayName: row.displayName,
    roles: [...row.roles].sort(),
    permissions: [...granted].sort(),
    departmentId: row.departmentId,
    dataScope: effectiveScope(row.scopes),
    twoFactorEnabled: row.twoFactorEnabled,
    twoFactorSetupRequired: row.twoFactorRequired && !row.twoFactorEnabled,
    can: (permission: Permission) => granted.has(permission),
    sessionHash: via.sessionHash,
    tokenId: via.tokenId,
  };
}
