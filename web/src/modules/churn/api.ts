import type {
  AppendMeasureBody,
  ChurnLastScan,
  ChurnMeasure,
  ChurnScanResult,
  ChurnWarning,
  ConfirmChurnBody,
} from '@crm/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiGet, apiPost, queryClient, type Idempotent } from '../../app/api.ts';

/** TanStack Query hooks of the churn module: its API paths and cache keys in one place. */
export const WARNINGS = '/churn-warnings';
const LAST_SCAN = `${WARNINGS}/last-scan`;

export const useChurnWarning = (id: number) =>
  useQuery({
    queryKey: [WARNINGS, id],
    queryFn: ({ signal }) => apiGet<ChurnWarning>(`${WARNINGS}/${id}`, undefined, signal),
  });

export const useLastScan = () =>
  useQuery({ queryKey: [LAST_SCAN], queryFn: ({ signal }) => apiGet<ChurnLastScan>(LAST_SCAN, undefined, signal) });

const refresh = () => queryClient.invalidateQueries({ queryKey: [WARNINGS] });
// a lost customer changes the customers' lists and pages too
const refreshCustomers = () => queryClient.invalidateQueries({ queryKey: ['/customers'] });

export const useScanNow = () =>
  useMutation({
    mutationFn: () => apiPost<ChurnScanResult>(`${WARNINGS}/scan`),
    onSuccess: () => Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: [LAST_SCAN] })]),
  });

export const useAppendMeasure = (id: number) =>
  useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Idempotent<AppendMeasureBody>) =>
      apiPost<ChurnMeasure & { warning: ChurnWarning }>(`${WARNINGS}/${id}/measures`, body, idempotencyKey),
    onSuccess: refresh,
  });

export const useConfirmChurn = (id: number) =>
  useMutation({
    mutationFn: ({ idempotencyKey, ...body }: Idempotent<ConfirmChurnBody>) =>
      apiPost<ChurnWarning>(`${WARNINGS}/${id}/confirm`, body, idempotencyKey),
    onSuccess: () => Promise.all([refresh(), refreshCustomers()]),
  });
