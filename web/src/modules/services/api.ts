import type {
  AssignServiceBody,
  CreateServiceBody,
  HandleServiceBody,
  Page,
  Service,
  ServiceDetail,
  ServiceFeedbackBody,
  ServiceSlaBody,
  ServiceSlaItem,
  ServiceStatus,
} from '@crm/contracts';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, apiGet, apiPost, queryClient, type Idempotent } from '../../app/api.ts';

/** TanStack Query hooks of the customer-service module: its API paths and cache keys in one place. */
export const SERVICES = '/services';

export const useService = (id: number) =>
  useQuery({
    queryKey: [SERVICES, id],
    queryFn: ({ signal }) => apiGet<ServiceDetail>(`${SERVICES}/${id}`, undefined, signal),
  });

/**
 * The work lists of the steps (新创建 to assign, my assigned ones to handle, my handled ones for feedback): a fixed
 * filter and a page kept in the component, newest first as the server sorts.
 */
export function useWorkList(fixed: { status: ServiceStatus; assignee?: 'me' }) {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const params = { ...fixed, ...page };
  const query = useQuery({
    queryKey: [SERVICES, params],
    queryFn: ({ signal }) => apiGet<Page<Service>>(SERVICES, params, signal),
    placeholderData: keepPreviousData,
  });
  return { query, page, setPage };
}

export type CustomerOption = { id: number; name: string; number: string };
/**
 * Customers whose name contains the text, for the create form's picker (docs/product.md#customers, rule 1: every
 * customer is shared).
 */
export const useCustomerSearch = (name: string) =>
  useQuery({
    queryKey: ['/customers', { name, pageSize: 20 }],
    queryFn: ({ signal }) => apiGet<Page<CustomerOption>>('/customers', { name, pageSize: 20 }, signal),
    select: (p: Page<CustomerOption>) => p.items,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

const refresh = () => queryClient.invalidateQueries({ queryKey: [SERVICES] });

export const useCreateService = () =>
  useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Idempotent<CreateServiceBody>) =>
      apiPost<ServiceDetail>(SERVICES, body, idempotencyKey),
    onSuccess: refresh,
  });

/** 分配 a new service, or 改派 (`reassign`) an assigned one to another manager. */
export const useAssignService = (reassign = false) =>
  useMutation({
    mutationFn: ({ id, idempotencyKey, ...body }: Idempotent<AssignServiceBody & { id: number }>) =>
      apiPost<ServiceDetail>(`${SERVICES}/${id}/${reassign ? 'reassign' : 'assign'}`, body, idempotencyKey),
    onSuccess: refresh,
  });

export const useHandleService = () =>
  useMutation({
    mutationFn: ({ id, idempotencyKey, ...body }: Idempotent<HandleServiceBody & { id: number }>) =>
      apiPost<ServiceDetail>(`${SERVICES}/${id}/handle`, body, idempotencyKey),
    onSuccess: refresh,
  });

export const useServiceFeedback = () =>
  useMutation({
    mutationFn: ({ id, idempotencyKey, ...body }: Idempotent<ServiceFeedbackBody & { id: number }>) =>
      apiPost<ServiceDetail>(`${SERVICES}/${id}/feedback`, body, idempotencyKey),
    onSuccess: refresh,
  });

/** docs/service-sla.md#limits: every service type with its time limits. */
export const SERVICE_SLA = '/service-sla';
export const useServiceSla = () =>
  useQuery({
    queryKey: [SERVICE_SLA],
    queryFn: ({ signal }) => apiGet<ServiceSlaItem[]>(SERVICE_SLA, undefined, signal),
  });

export const usePutServiceSla = () =>
  useMutation({
    mutationFn: (body: ServiceSlaBody) => api<ServiceSlaItem[]>(SERVICE_SLA, { method: 'PUT', body }),
    onSuccess: (saved) => queryClient.setQueryData([SERVICE_SLA], saved),
  });
