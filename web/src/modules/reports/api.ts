import type {
  CompositionReport,
  ForecastReport,
  ReportLang,
  ServiceReport,
  SlaReport,
  WinLossReport,
  Workbench,
} from '@crm/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import i18next from 'i18next';
import { apiGet, download, type QueryParams } from '../../app/api.ts';

/** docs/product.md#reports, Reports. */
export const REPORTS = {
  contribution: '/reports/contribution',
  composition: '/reports/composition',
  services: '/reports/services',
  churn: '/reports/churn',
  forecast: '/reports/forecast',
  winLoss: '/reports/win-loss',
  sla: '/reports/sla',
} as const;
export const WORKBENCH = '/workbench';

/** The language of the files' headers (and of the "not set" label): the UI's language. */
export const reportLang = (language = i18next.language): ReportLang => (language.startsWith('zh') ? 'zh' : 'en');

export const useComposition = (by: string, status: string | undefined, lang: ReportLang) =>
  useQuery({
    queryKey: [REPORTS.composition, { by, status, lang }],
    queryFn: ({ signal }) => apiGet<CompositionReport>(REPORTS.composition, { by, status, lang }, signal),
    placeholderData: keepPreviousData,
  });

export const useServiceReport = (year: string | undefined) =>
  useQuery({
    queryKey: [REPORTS.services, { year }],
    queryFn: ({ signal }) => apiGet<ServiceReport>(REPORTS.services, { year }, signal),
    placeholderData: keepPreviousData,
  });

export const useWorkbench = () =>
  useQuery({
    queryKey: [WORKBENCH],
    queryFn: ({ signal }) => apiGet<Workbench>(WORKBENCH, undefined, signal),
    refetchOnWindowFocus: true,
  });

/** The report as a file of all rows matching the filters (no paging), headers in the UI's language. */
export function downloadReport(path: string, filters: QueryParams, format: 'csv' | 'xlsx') {
  const { page: _page, pageSize: _pageSize, ...rest } = filters;
  return download(path, { ...rest, format, lang: reportLang() }, `report.${format}`);
}

export type ForecastFilters = { from?: string; to?: string; assigneeId?: string };
export const useForecast = (filters: ForecastFilters) =>
  useQuery({
    queryKey: [REPORTS.forecast, filters],
    queryFn: ({ signal }) => apiGet<ForecastReport>(REPORTS.forecast, filters, signal),
    placeholderData: keepPreviousData,
  });

export type WinLossFilters = { from?: string; to?: string; assigneeId?: string };
export const useWinLoss = (filters: WinLossFilters) =>
  useQuery({
    queryKey: [REPORTS.winLoss, filters],
    queryFn: ({ signal }) => apiGet<WinLossReport>(REPORTS.winLoss, filters, signal),
    placeholderData: keepPreviousData,
  });

/** docs/service-sla.md#report: services handled within their time limit per type, in one month or year. */
export const useSlaReport = (year: string, month: string | undefined) =>
  useQuery({
    queryKey: [REPORTS.sla, { year, month }],
    queryFn: ({ signal }) => apiGet<SlaReport>(REPORTS.sla, { year, month }, signal),
    placeholderData: keepPreviousData,
  });
