/**
 * `{ 'user.manage': 'x' }` → `{ user: { manage: 'x' } }`: i18next reads dots in keys as nesting, so texts keyed by
 * dotted codes (permissions) are stored nested and found with `t('permissions.user.manage')`.
 */
export function nestKeys(flat: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = text;
  }
  return out;
}
