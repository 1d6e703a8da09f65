import { useMemo } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import { RouterProvider } from 'react-router';
import { queryClient } from './api.ts';
import { antdLocale, useLanguage } from './i18n.ts';
import { router } from './router.tsx';
import { theme } from './theme.ts';
import { SessionProvider } from './session.tsx';
import { useReducedMotion } from './reducedMotion.ts';

export function App() {
  const lang = useLanguage();
  const reducedMotion = useReducedMotion();
  const themed = useMemo(() => ({ ...theme, token: { ...theme.token, motion: !reducedMotion } }), [reducedMotion]);
  return (
    <ConfigProvider locale={antdLocale(lang)} theme={themed}>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
