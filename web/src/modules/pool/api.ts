import type { Customer, PoolHistoryEntry, PoolSettings } from '@crm/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, queryClient, type Idempotent } from '../../app/api.ts';

/** TanStack Query hooks of the customer pool (docs/organisation.md#customer-pool): its paths and cache keys. */
export const POOL = '/customer-pool';
const SETTINGS = '/settings/pool';
const customerPath = (id: number) => `/customers/${id}`;
export const poolHistoryPath = (id: number) => `${customerPath(id)}/pool-history`;

/** A customer entering or leaving the pool changes the pool, the customers' lists and pages, and its history. */
const refresh = () =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: [POOL] }),
    queryClient.invalidateQueries({ queryKey: ['/customers'] }),
  ]);

export const useClaim = () =>
  useMutation({
    mutationFn: ({ id, idempotencyKey }: Idempotent<{ id: number }>) =>
      apiPost<Customer>(`${customerPath(id)}/claim`, undefined, idempotencyKey),
    onSuccess: refresh,
  });

export const useAssignPoolCustomer = () =>
  useMutation({
    mutationFn: ({ id, managerId, idempotencyKey }: Idempotent<{ id: number; managerId: number }>) =>
      apiPost<Customer>(`${customerPath(id)}/assign`, { managerId }, idempotencyKey),
    onSuccess: refresh,
  });

export const useRelease = (id: number) =>
  useMutation({
    mutationFn: ({ reason, idempotencyKey }: Idempotent<{ reason: string }>) =>
      apiPost<Customer>(`${customerPath(id)}/release`, { reason }, idempotencyKey),
    onSuccess: (saved) => (queryClient.setQueryData(['/customers', id], saved), refresh()),
  });

export const usePoolHistory = (id: number) =>
  useQuery({
    queryKey: ['/customers', poolHistoryPath(id)],
    queryFn: ({ signal }) => apiGet<PoolHistoryEntry[]>(poolHistoryPath(id), undefined, signal),
  });

export const useScanPool = () =>
  useMutation({
    mutationFn: () => apiPost<{ returned: number; warned: number }>(`${POOL}/scan`),
    onSuccess: refresh,
  });

export const usePoolSettings = () =>
  useQuery({ queryKey: [SETTINGS], queryFn: ({ signal }) => apiGet<PoolSettings>(SETTINGS, undefined, signal) });

export const useUpdatePoolSettings = () =>
  useMutation({
    mutationFn: (body: Partial<PoolSettings>) => apiPatch<PoolSettings>(SETTINGS, body),
    onSuccess: (saved) => queryClient.setQueryData([SETTINGS], saved),
  });
