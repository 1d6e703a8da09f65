import { HomeOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import { MENU_GROUPS, openableEntries, type RouteHandle, type WebModule } from '../module.ts';

type Item = Required<MenuProps>['items'][number];

const labelOf = (t: TFunction, moduleKey: string, labelKey: string) =>
  t(labelKey.includes(':') ? labelKey : `${moduleKey}:${labelKey}`);

/**
 * The menu: the workbench, then a sub-menu per group with the entries the user's permissions allow; empty groups
 * vanish.
 */
export function buildMenu(modules: WebModule[], can: (p: RouteHandle['permission']) => boolean, t: TFunction): Item[] {
  const grouped = new Map<string, Item[]>();
  const ungrouped: Item[] = [];
  for (const entry of openableEntries(modules, can)) {
    const item: Item = { key: entry.path, icon: entry.icon, label: labelOf(t, entry.module, entry.labelKey) };
    if (entry.group) grouped.set(entry.group, [...(grouped.get(entry.group) ?? []), item]);
    else ungrouped.push(item);
  }
  const groups: Item[] = MENU_GROUPS.filter((g) => grouped.has(g)).map((g) => ({
    key: `group:${g}`,
    label: t(`common:menu.group.${g}`),
    children: grouped.get(g),
  }));
  return [{ key: '/', icon: <HomeOutlined />, label: t('common:menu.home') }, ...ungrouped, ...groups];
}

/** The entry whose path is the longest prefix of the current address, so detail pages keep their list highlighted. */
export function selectedKey(modules: WebModule[], pathname: string): string {
  let best = '/';
  for (const entry of modules.flatMap((m) => m.menu)) {
    const p = entry.path;
    if ((pathname === p || pathname.startsWith(`${p}/`)) && p.length > best.length) best = p;
  }
  return best;
}
