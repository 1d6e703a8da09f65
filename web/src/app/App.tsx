import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import { RouterProvider } from 'react-router';
import { queryClient } from './api.ts';
import { antdLocale, useLanguage } from './i18n.ts';
import { router } from './router.tsx';
import { SessionProvider } from './session.tsx';

const theme = { token: { colorPrimary: '#1668dc', borderRadius: 6 } };

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
