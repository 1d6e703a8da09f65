import { INITIAL_DATA_SCOPES, INITIAL_ROLES, ROLE_CODES } from '@crm/contracts';
import type { Tx } from '../client.ts';
import { dictionaryEntries, rolePermissions, roles, roleScopes } from '../schema/index.ts';

/**
 * docs/product.md#data-dictionary, rule 3: the initial dictionary entries, present with or without the demo company.
 */
const INITIAL_DICTIONARY = [
  ...['普通客户', '重点开发客户', '大客户', '合作伙伴', '战略合作伙伴'].map((item, i) => ({
    type: 'customerLevel',
    item,
    value: String(i + 1),
    editable: false,
  })),
  ...['咨询', '投诉', '建议'].map((item, i) => ({ type: 'serviceType', item, value: String(i + 1), editable: true })),
  ...['北京', '华北', '中南', '东北', '西部'].map((item, i) => ({
    type: 'region',
    item,
    value: String(i + 1),
    editable: true,
  })),
];

/**
 * The four roles of docs/product.md#roles, rules 1 and 2 with their grants and data scopes
 * (docs/organisation.md#data-scope), and the dictionary.
 */
export async function seedBase(tx: Tx) {
  for (const code of ROLE_CODES) {
    const { name, description, permissions } = INITIAL_ROLES[code];
    const [role] = await tx.insert(roles).values({ code, name, description }).returning({ id: roles.id });
    await tx.insert(rolePermissions).values(permissions.map((permission) => ({ roleId: role!.id, permission })));
    const scopes = Object.entries(INITIAL_DATA_SCOPES[code]);
    await tx.insert(roleScopes).values(scopes.map(([family, scope]) => ({ roleId: role!.id, family, scope })));
  }
  await tx.insert(dictionaryEntries).values(INITIAL_DICTIONARY);
}
