import type { Permission } from '@crm/contracts';
import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';

/**
 * The English texts' type, made from the Chinese ones: same keys, any strings. `export const en: Translation<typeof zh>`
 * makes a missing English text a type error.
 */
export type Translation<T> = T extends string ? string : T extends object ? { [K in keyof T]: Translation<T[K]> } : T;

/** The menu groups, in the order the menu shows them (docs/product.md#scope, rule 4's modules). Labels: `common:menu.group.<key>`. */
export const MENU_GROUPS = ['marketing', 'customers', 'services', 'reports', 'baseData', 'access'] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

/**
 * One menu entry. `labelKey` is a key in the module's own i18n namespace (e.g. `menu.users`); the entry shows only to
 * users holding `permission`.
 */
export type MenuEntry = { path: string; labelKey: string; icon?: ReactNode; permission: Permission; group?: MenuGroup };

/**
 * What every web module hands to the shell (listed in `modules.ts`):
 * - `key`: the module's name, also its i18n namespace (`t('<key>:some.text')`, or `useTranslation('<key>')`);
 * - `i18n`: its Chinese and English texts;
 * - `menu`: its menu entries;
 * - `routes`: react-router routes under the signed-in layout, built with `pageRoute()` so that each page is loaded
 *   lazily and guarded by its permission.
 */
export type WebModule = {
  key: string;
  i18n: { zh: Record<string, unknown>; en: Record<string, unknown> };
  menu: MenuEntry[];
  routes: RouteObject[];
};
