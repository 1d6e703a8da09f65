import type { Permission } from '@crm/contracts';
import { lazy, type ComponentType, type ReactNode } from 'react';
import type { LoaderFunction, Params, RouteObject } from 'react-router';
import type { RouteHandle } from './module.ts';
import { useCan } from './session.tsx';

/** How a route gets its page: the page's code, loaded on first visit. */
export type PageLoader = () => Promise<ComponentType>;

/**
 * A page loaded on first visit (its own JS chunk), from a module with a named export:
 * `lazyPage(() => import('./pages/UsersPage.tsx'), 'UsersPage')`.
 */
export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): PageLoader {
  return async () => (await load())[name] as ComponentType;
}

/**
 * The router's `lazy` for a page: the router loads the page's code while it navigates, so the page the user came from
 * stays up meanwhile with the progress bar on top (NavigationProgress), and the new page appears whole.
 */
export function lazyRoute(page: PageLoader, wrap: (Page: ComponentType) => ReactNode = (Page) => <Page />) {
  return async () => {
    const Page = await page();
    return { Component: () => wrap(Page) };
  };
}

/**
 * What a page asks the server for first, started as the router enters the page — beside the page's code and, on a
 * full load, beside `GET /auth/me` — rather than after both and the frame's render (issue 23). The page's own queries
 * find the answers under the same keys; the server checks every request as always. A prefetch imports its module's
 * api on demand, so the sign-in page's code does not grow.
 */
export type Prefetch = (to: { params: Params; search: URLSearchParams }) => Promise<unknown>;

/**
 * A page that people open by its address (a bookmark, a reload, a link in a notification or a message): its path, its
 * code and its first data. `first-page.ts` asks for both as soon as `GET /auth/me` says someone is signed in, before the
 * signed-in app's code has loaded and found the route; the route then finds them on their way (issue 23). Kept in
 * a module's `first-pages.ts`, which the sign-in page's code carries: nothing in it is imported but on demand.
 */
export type FirstPage = {
  path: string;
  /** None: every signed-in user's (the home page). */
  permission?: Permission | readonly Permission[];
  page: PageLoader;
  prefetch: Prefetch;
};

/** The route's loader that starts a prefetch and waits for nothing. */
export function prefetchLoader(prefetch: Prefetch): LoaderFunction {
  return ({ params, request }) => {
    prefetch({ params, search: new URL(request.url).searchParams }).catch(() => {});
    return null;
  };
}

// Loaded only when needed: antd's Result is not part of the sign-in page's code.
const ForbiddenPage = lazy(async () => ({ default: (await import('./pages/ForbiddenPage.tsx')).ForbiddenPage }));

/** Shows the 403 page instead of the children when the user lacks the permission (any of several). */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission | readonly Permission[];
  children: ReactNode;
}) {
  const can = useCan();
  return can(permission) ? children : <ForbiddenPage />;
}

/**
 * A route of a module page: the path (absolute, e.g. `/admin/users`), the permission it needs, and the lazy page.
 * `pageRoute('/admin/users', 'user.manage', UsersPage)`, with `prefetch` its first data (see Prefetch). The permission is also kept in the route's `handle`, where a
 * menu entry with the same path takes it from.
 */
export function pageRoute(
  path: string,
  permission: Permission | readonly Permission[],
  page: PageLoader,
  prefetch?: Prefetch,
): RouteObject {
  const handle: RouteHandle = { permission };
  return {
    path,
    handle,
    ...(prefetch && { loader: prefetchLoader(prefetch) }),
    lazy: lazyRoute(page, (Page) => (
      <RequirePermission permission={permission}>
        <Page />
      </RequirePermission>
    )),
  };
}

/** The route of a FirstPage; without a permission (the home page), every signed-in user's. */
export const firstPageRoute = (first: FirstPage): RouteObject =>
  first.permission
    ? pageRoute(first.path, first.permission, first.page, first.prefetch)
    : { path: first.path, loader: prefetchLoader(first.prefetch), lazy: lazyRoute(first.page) };
