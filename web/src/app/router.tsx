import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation, type RouteObject } from 'react-router';
import { SignInPage } from './pages/SignInPage.tsx';
import { RouteError } from './pages/RouteError.tsx';
import { useSession } from './session.tsx';
import { UnsavedChangesGuard } from './unsaved.tsx';

// The signed-in frame and the pages load after sign-in: the sign-in page stays small. The frame loads with the
// signed-in app (loadSignedIn), which the router awaits before it shows a page behind sign-in, so the frame is there
// by then and renders at once. Lazily (React.lazy) only if it is not: a component that suspends shows its fallback,
// and React then holds the content back until 300 ms after that fallback (its Suspense throttling) — on a warm full
// load most of the time the page waited (docs/PERFORMANCE.md, browser).
let LoadedAppLayout: ComponentType | undefined;
const loadAppLayout = () => import('./layout/AppLayout.tsx').then((m) => (LoadedAppLayout = m.AppLayout));
const LazyAppLayout = lazy(async () => ({ default: await loadAppLayout() }));
function AppLayout() {
  // chosen once per mount: switching from the lazy one to the loaded one would mount the frame again
  const [Layout] = useState(() => LoadedAppLayout ?? LazyAppLayout);
  return <Layout />;
}
// docs/sign-in.md#two-step-verification, rule 5: a user whose role requires it sees only its setup until it is on
const TwoFactorRequiredPage = lazy(async () => ({
  default: (await import('../modules/account/pages/TwoFactorRequiredPage.tsx')).TwoFactorRequiredPage,
}));

/** The page is on its way (the session, the texts, a page's code): a spinner drawn by app.css, not antd's Spin, which
 * would weigh on the sign-in page's JavaScript (docs/PERFORMANCE.md). */
export const FullPageSpin = () => (
  <div className="full-page-spin" aria-live="polite" aria-busy="true">
    <span className="full-page-spin-ring" />
  </div>
);
const hydrateFallbackElement = <FullPageSpin />;

/** `GET /auth/me` decides: signed in → the page, otherwise → sign-in (coming back here afterwards). */
function RequireSignIn({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (user === undefined) return <FullPageSpin />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (user.twoFactorSetupRequired)
    return (
      <Suspense fallback={<FullPageSpin />}>
        <TwoFactorRequiredPage />
      </Suspense>
    );
  return (
    <Suspense fallback={<FullPageSpin />}>
      <UnsavedChangesGuard />
      {children}
    </Suspense>
  );
}

function SignInRoute() {
  const { user } = useSession();
  return user === undefined ? <FullPageSpin /> : <SignInPage />;
}

/** The signed-in layout's route: its pages are added when first needed (`signed-in.tsx`). */
const SIGNED_IN = 'signed-in';

let signedIn: Promise<RouteObject[]> | undefined;
/** The signed-in app's chunk and its texts, with the layout's code beside them; loaded once (again after a failure). */
function loadSignedIn() {
  signedIn ??= Promise.all([import('./signed-in.tsx').then((m) => m.signedInRoutes()), loadAppLayout()]).then(
    ([routes]) => routes,
    (error: unknown) => {
      signedIn = undefined;
      throw error;
    },
  );
  return signedIn;
}
let patched = false;
// Opened at any other address, the signed-in app is needed at once: its code loads beside `GET /auth/me`, not after
// it (issue 23, docs/PERFORMANCE.md, browser page loads).
if (!window.location.pathname.startsWith('/login')) void loadSignedIn().catch(() => undefined);

export const router = createBrowserRouter(
  [
    { path: '/login', element: <SignInRoute />, errorElement: <RouteError />, hydrateFallbackElement },
    {
      // no path and no pages until patched: every address but /login is unknown at first, so the router asks
      // patchRoutesOnNavigation for it — on the first visit behind sign-in, whether by address or after signing in
      id: SIGNED_IN,
      element: (
        <RequireSignIn>
          <AppLayout />
        </RequireSignIn>
      ),
      errorElement: <RouteError />,
      // the first page's code loads before anything renders: a spinner meanwhile
      hydrateFallbackElement,
      children: [],
    },
  ],
  {
    async patchRoutesOnNavigation({ patch, signal }) {
      if (patched) return;
      const routes = await loadSignedIn();
      // a navigation given up meanwhile does not patch: the next one does
      if (patched || signal.aborted) return;
      patch(SIGNED_IN, routes);
      patched = true;
    },
  },
);
