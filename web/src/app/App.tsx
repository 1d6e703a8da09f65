import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import { RouterProvider } from 'react-router';
import { queryClient } from './api.ts';
import { antdLocale, useLanguage } from './i18n.ts';
import { router } from './router.tsx';
import { theme } from './theme.ts';
import { SessionProvider } from './session.tsx';


export function App() {
  const lang = useLanguage();
  return (
    <ConfigProvider locale={antdLocale(lang)} theme={theme}>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
