import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { modules } from './modules.ts';
import { SignInPage } from './pages/SignInPage.tsx';
import { RouteError } from './pages/RouteError.tsx';
import { lazyPage, lazyRoute, prefetchLoader } from './routing.tsx';
import { useSession } from './session.tsx';
import { UnsavedChangesGuard } from './unsaved.tsx';

// The signed-in frame and the pages load after sign-in: the sign-in page stays small. Opened at any other address,
// the frame is needed at once: its code loads beside `GET /auth/me`, not after it (issue 23).
const loadAppLayout = () => import('./layout/AppLayout.tsx');
if (!window.location.pathname.startsWith('/login')) void loadAppLayout();
const AppLayout = lazy(async () => ({ default: (await loadAppLayout()).AppLayout }));
// The home page is the workbench (工作台) of the reports module: the signed-in user's work by permission.
const HomePage = lazyPage(() => import('../modules/reports/pages/WorkbenchPage.tsx'), 'WorkbenchPage');
const NotFoundPage = lazyPage(() => import('./pages/NotFoundPage.tsx'), 'NotFoundPage');
// docs/sign-in.md#two-step-verification, rule 5: a user whose role requires it sees only its setup until it is on
const TwoFactorRequiredPage = lazy(async () => ({
  default: (await import('../modules/account/pages/TwoFactorRequiredPage.tsx')).TwoFactorRequiredPage,
}));

export const FullPageSpin = () => (
  <div style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: '100vh' }}>
    <Spin size="large" />
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

export const router = createBrowserRouter([
  { path: '/login', element: <SignInRoute />, errorElement: <RouteError />, hydrateFallbackElement },
  {
    path: '/',
    element: (
      <RequireSignIn>
        <AppLayout />
      </RequireSignIn>
    ),
    errorElement: <RouteError />,
    // the first page's code loads before anything renders: a spinner meanwhile
    hydrateFallbackElement,
    children: [
      {
        // a page that fails shows the error inside the layout: menu and header stay usable
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            loader: prefetchLoader(async () => (await import('../modules/reports/api.ts')).prefetchWorkbench()),
            lazy: lazyRoute(HomePage),
          },
          ...modules.flatMap((m) => m.routes),
          { path: '*', lazy: lazyRoute(NotFoundPage) },
        ],
      },
    ],
  },
]);
