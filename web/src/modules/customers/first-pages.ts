import type { FirstPage } from '../../app/routing.tsx';

/** 客户信息: the list and a customer (routing.tsx, FirstPage). */
export const customerListPage = {
  path: '/customers',
  permission: 'customer.read',
  page: async () => (await import('./pages/CustomersPage.tsx')).CustomersPage,
  prefetch: async ({ search }) => (await import('./api.ts')).prefetchCustomerList(search),
} satisfies FirstPage;

export const customerPage = {
  path: '/customers/:id',
  permission: 'customer.read',
  page: async () => (await import('./pages/CustomerPage.tsx')).CustomerPage,
  prefetch: async ({ params }) => (await import('./api.ts')).prefetchCustomer(Number(params.id)),
} satisfies FirstPage;
