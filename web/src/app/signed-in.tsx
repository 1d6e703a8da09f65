import type { RouteObject } from 'react-router';
import { registerModules } from './i18n.ts';
import { modules } from './modules.ts';
import { RouteError } from './pages/RouteError.tsx';
import { lazyPage, lazyRoute } from './routing.tsx';

const NotFoundPage = lazyPage(() => import('./pages/NotFoundPage.tsx'), 'NotFoundPage');

/**
 * The pages behind sign-in — every module's routes (the home page, the workbench, is the reports module's), 404 —
 * once the modules' texts are loaded in the current language. A chunk of its own (router.tsx loads it on the first
 * visit behind sign-in), so the sign-in page carries no module: no menu, icons, texts or shared components of the
 * signed-in app.
 */
export async function signedInRoutes(): Promise<RouteObject[]> {
  await registerModules(modules);
  return [
    {
      // a page that fails shows the error inside the layout: menu and header stay usable
      errorElement: <RouteError />,
      children: [...modules.flatMap((m) => m.routes), { path: '*', lazy: lazyRoute(NotFoundPage) }],
    },
  ];
}
