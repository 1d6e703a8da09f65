import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { queryClient } from '../app/api.ts';
import { bindFeedback } from '../app/feedback.ts';
import { antdLocale, useLanguage } from '../app/i18n.ts';
import { useReducedMotion } from '../app/reducedMotion.ts';
import { theme } from '../app/theme.ts';
import { PortalLayout } from './PortalLayout.tsx';
import { AcceptPage } from './pages/AcceptPage.tsx';
import { NewServicePage } from './pages/NewServicePage.tsx';
import { OrderPage, OrdersPage } from './pages/OrdersPage.tsx';
import { ServiceDetailPage } from './pages/ServiceDetailPage.tsx';
import { ServicesPage } from './pages/ServicesPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { PortalSessionProvider } from './session.tsx';

const router = createBrowserRouter([
  { path: '/portal/sign-in', element: <SignInPage /> },
  { path: '/portal/accept', element: <AcceptPage /> },
  {
    path: '/portal',
    element: <PortalLayout />,
    children: [
      { index: true, element: <ServicesPage /> },
      { path: 'new', element: <NewServicePage /> },
      { path: 'services/:id', element: <ServiceDetailPage /> },
      { path: 'orders', element: <OrdersPage /> },
      { path: 'orders/:id', element: <OrderPage /> },
    ],
  },
  { path: '*', element: <Navigate to="/portal" replace /> },
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
  const reducedMotion = useReducedMotion();
  const themed = useMemo(() => ({ ...theme, token: { ...theme.token, motion: !reducedMotion } }), [reducedMotion]);
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
