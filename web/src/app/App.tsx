import { useSyncExternalStore } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import { RouterProvider } from 'react-router';
import { queryClient } from './api.ts';
import { antdLocale, useLanguage } from './i18n.ts';
import { FullPageSpin, router } from './router.tsx';
import { useTheme } from './theme.ts';
import { SessionProvider } from './session.tsx';

// The first visit to a page behind sign-in loads the signed-in app before the router knows the page: a spinner, not a
// blank page, meanwhile.
const routerUnknown = () => !router.state.initialized && router.state.matches.length === 0;
const subscribeRouter = (notify: () => void) => router.subscribe(notify);

export function App() {
  const waiting = useSyncExternalStore(subscribeRouter, routerUnknown);
  const lang = useLanguage();
  const themed = useTheme();
  return (
    <ConfigProvider locale={antdLocale(lang)} theme={themed}>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>{waiting ? <FullPageSpin /> : <RouterProvider router={router} />}</SessionProvider>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
