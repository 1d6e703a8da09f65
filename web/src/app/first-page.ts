import { matchPath } from 'react-router';
import { customerListPage, customerPage } from '../modules/customers/first-pages.ts';
import { contributionPage, workbenchPage } from '../modules/reports/first-pages.ts';
import type { SessionUser } from '@crm/contracts';
import type { FirstPage } from './routing.tsx';
import { holds } from './session.tsx';

const FIRST_PAGES: FirstPage[] = [workbenchPage, customerListPage, customerPage, contributionPage];

/**
 * When one of the FIRST_PAGES is about to open for `user`, who may see it — a full load of its address, or the page
 * signing in leads to — its code and its first data, asked for at once (routing.tsx, FirstPage) rather than after the
 * signed-in app's code has arrived and run. Record ids in addresses are numbers: `/customers/new` is not a customer's
 * page. A user who must first set up two-step verification is taken there instead.
 */
export function loadFirstPage(user: SessionUser, { pathname, search }: Pick<Location, 'pathname' | 'search'>) {
  if (user.twoFactorSetupRequired) return;
  for (const first of FIRST_PAGES) {
    const match = matchPath(first.path, pathname);
    if (!match || Object.values(match.params).some((v) => !/^\d+$/.test(v ?? ''))) continue;
    if (first.permission && !holds(user, first.permission)) return;
    void first.page().catch(() => undefined);
    void first.prefetch({ params: match.params, search: new URLSearchParams(search) }).catch(() => undefined);
    return;
  }
}
