import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import { useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { queryClient } from '../app/api.ts';
import { bindFeedback } from '../app/feedback.ts';
import { antdLocale, useLanguage } from '../app/i18n.ts';
import { useTheme } from '../app/theme.ts';
import { PortalLayout } from './PortalLayout.tsx';
import { PortalSessionProvider } from './session.tsx';

/** A page of the portal, loaded on first visit: the portal's first page loads only its own code. */
const page =
  <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  async () => ({ Component: (await load())[name] });

const router = createBrowserRouter([
  {
    // while the first page's code loads
    hydrateFallbackElement: (
      <div style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: '100vh' }}>
        <Spin size="large" />
      </div>
    ),
    children: [
      { path: '/portal/sign-in', lazy: page(() => import('./pages/SignInPage.tsx'), 'SignInPage') },
      { path: '/portal/accept', lazy: page(() => import('./pages/AcceptPage.tsx'), 'AcceptPage') },
      {
        path: '/portal',
        element: <PortalLayout />,
        children: [
          { index: true, lazy: page(() => import('./pages/ServicesPage.tsx'), 'ServicesPage') },
          { path: 'new', lazy: page(() => import('./pages/NewServicePage.tsx'), 'NewServicePage') },
          { path: 'services/:id', lazy: page(() => import('./pages/ServiceDetailPage.tsx'), 'ServiceDetailPage') },
          { path: 'orders', lazy: page(() => import('./pages/OrdersPage.tsx'), 'OrdersPage') },
          { path: 'orders/:id', lazy: page(() => import('./pages/OrdersPage.tsx'), 'OrderPage') },
        ],
      },
      { path: '*', element: <Navigate to="/portal" replace /> },
    ],
  },
]);

/** Hands antd's context-aware message/modal (locale, theme) to `showError` and friends. */
function FeedbackBinder() {
  bindFeedback(AntApp.useApp());
  return null;
}

/** The customer portal's shell: theme, language, its own session, its pages. */
export function PortalApp() {
  const lang = useLanguage();
  const { t } = useTranslation('portal');
  const themed = useTheme();
  useEffect(() => {
    document.title = t('appName');
  }, [t, lang]);
  return (
    <ConfigProvider locale={antdLocale(lang)} theme={themed}>
      <AntApp>
        <FeedbackBinder />
        <QueryClientProvider client={queryClient}>
          <PortalSessionProvider>
            <RouterProvider router={router} />
          </PortalSessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
