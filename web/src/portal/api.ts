import type {
  CreatePortalServiceBody,
  OrderDetail,
  Order,
  Page,
  PortalAcceptBody,
  PortalFeedbackBody,
  PortalLoginBody,
  PortalMe,
  PortalService,
  PortalServiceType,
} from '@crm/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, queryClient, type QueryParams } from '../app/api.ts';

/** The customer portal's API (docs/portal.md): its own base path and cookie. */
export const PORTAL_API = '/api/portal/v1';

const get = <T>(path: string, query?: QueryParams) => api<T>(path, { base: PORTAL_API, query });
const post = <T>(path: string, body: unknown, quiet401 = false) =>
  api<T>(path, { base: PORTAL_API, method: 'POST', body, quiet401 });

export const ME = ['portal', 'me'] as const;

export const fetchMe = () => api<PortalMe>('/me', { base: PORTAL_API, quiet401: true });
export const signIn = (body: PortalLoginBody) => post<PortalMe>('/auth/login', body, true);
export const acceptInvitation = (body: PortalAcceptBody) => post<PortalMe>('/auth/accept', body, true);
export const signOut = () => post<void>('/auth/logout', {}, true);

export const useServiceTypes = () =>
  useQuery({ queryKey: ['portal', 'service-types'], queryFn: () => get<PortalServiceType[]>('/service-types') });

export const useServices = (page: number, status?: string) =>
  useQuery({
    queryKey: ['portal', 'services', page, status],
    queryFn: () => get<Page<PortalService>>('/services', { page, pageSize: 10, status }),
    placeholderData: keepPreviousData,
  });

export const useService = (id: number) =>
  useQuery({ queryKey: ['portal', 'service', id], queryFn: () => get<PortalService>(`/services/${id}`) });

const refreshServices = () => queryClient.invalidateQueries({ queryKey: ['portal'] });

export async function fileService(body: CreatePortalServiceBody) {
  const created = await post<PortalService>('/services', body);
  await refreshServices();
  return created;
}

export async function giveFeedback(id: number, body: PortalFeedbackBody) {
  const updated = await post<PortalService>(`/services/${id}/feedback`, body);
  queryClient.setQueryData(['portal', 'service', id], updated);
  await refreshServices();
  return updated;
}

export const useOrders = (page: number) =>
  useQuery({
    queryKey: ['portal', 'orders', page],
    queryFn: () => get<Page<Order>>('/orders', { page, pageSize: 10 }),
    placeholderData: keepPreviousData,
  });

export const useOrder = (id: number) =>
  useQuery({ queryKey: ['portal', 'order', id], queryFn: () => get<OrderDetail>(`/orders/${id}`) });
