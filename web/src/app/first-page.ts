import { matchPath } from 'react-router';
import { customerListPage, customerPage } from '../modules/customers/first-pages.ts';
import { contributionPage, workbenchPage } from '../modules/reports/first-pages.ts';
import type { SessionUser } from '@crm/contracts';
import type { FirstPage } from './routing.tsx';
import { holds } from './session.tsx';

const FIRST_PAGES: FirstPage[] = [workbenchPage, customerListPage, customerPage, contributionPage];

/**
 * On a full load of one of the FIRST_PAGES by `user`, who may see it: its code and its first data, asked for at once
 * (routing.tsx, FirstPage). Record ids in addresses are numbers: `/customers/new` is not a customer's page.
 */
export function loadFirstPage(user: SessionUser, { pathname, search }: Location) {
  for (const first of FIRST_PAGES) {
    const match = matchPath(first.path, pathname);
    if (!match || Object.values(match.params).some((v) => !/^\d+$/.test(v ?? ''))) continue;
    if (first.permission && !holds(user, first.permission)) return;
    void first.page().catch(() => undefined);
    void first.prefetch({ params: match.params, search: new URLSearchParams(search) }).catch(() => undefined);
    return;
  }
}
