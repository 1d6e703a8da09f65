import type { Permission } from '@crm/contracts';
import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';

/**
 * The English texts' type, made from the Chinese ones: same keys, any strings. `export const en: Translation<typeof
 * zh>` makes a missing English text a type error.
 */
export type Translation<T> = T extends string ? string : T extends object ? { [K in keyof T]: Translation<T[K]> } : T;

/**
 * The menu groups, in the order the menu shows them (docs/product.md#scope, rule 4's modules). Labels:
 * `common:menu.group.<key>`.
 */
export const MENU_GROUPS = ['marketing', 'customers', 'services', 'reports', 'baseData', 'access', 'system'] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

/**
 * One menu entry. `labelKey` is a key in the module's own i18n namespace (e.g. `menu.users`). `path` is one of the
 * module's routes, and the entry shows only to users that route lets in: it has no permission of its own, so the menu
 * and the page it opens cannot disagree.
 */
export type MenuEntry = { path: string; labelKey: string; icon?: ReactNode; group?: MenuGroup };

/**
 * What every web module hands to the shell (listed in `modules.ts`):
 * - `key`: the module's name, also its i18n namespace (`t('<key>:some.text')`, or `useTranslation('<key>')`);
 * - `i18n`: how to load its Chinese and English texts (`texts(…)`): only the current language's are loaded, the other
 *   on a switch;
 * - `menu`: its menu entries;
 * - `routes`: react-router routes under the signed-in layout, built with `pageRoute()` so that each page is loaded
 *   lazily and guarded by its permission.
 */
export type WebModule = {
  key: string;
  i18n: ModuleTexts;
  menu: MenuEntry[];
  routes: RouteObject[];
};

/** Loaders of a module's texts in each language, each its own chunk. */
export type ModuleTexts = { zh: () => Promise<Record<string, unknown>>; en: () => Promise<Record<string, unknown>> };

/**
 * A module's texts, loaded when their language is first needed:
 * `texts(() => import('./i18n.zh.ts'), () => import('./i18n.en.ts'))`.
 */
export function texts<T extends Record<string, unknown>>(
  zh: () => Promise<{ zh: T }>,
  en: () => Promise<{ en: Translation<T> }>,
): ModuleTexts {
  return { zh: async () => (await zh()).zh, en: async () => (await en()).en as Record<string, unknown> };
}

/** What `pageRoute()` keeps on a route: the permission (any of several) that opens it. */
export type RouteHandle = { permission: Permission | readonly Permission[] };

/**
 * The menu entries the user may open, each with its module's key: those whose route (the module's route with the
 * same path) accepts a permission the user holds. An entry without such a route is a programming error.
 */
export function openableEntries(
  modules: WebModule[],
  can: (permission: RouteHandle['permission']) => boolean,
): (MenuEntry & { module: string })[] {
  return modules.flatMap((m) =>
    m.menu
      .filter((entry) => {
        const route = m.routes.find((r) => r.path === entry.path);
        const handle = route?.handle as RouteHandle | undefined;
        if (!handle) throw new Error(`menu entry ${entry.path} of module ${m.key} opens none of its pageRoute()s`);
        return can(handle.permission);
      })
      .map((entry) => ({ ...entry, module: m.key })),
  );
}
