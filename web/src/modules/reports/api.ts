import type {
  CompositionReport,
  ContributionReport,
  ForecastReport,
  ReportLang,
  ServiceReport,
  SlaReport,
  WinLossReport,
  Workbench,
} from '@crm/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import i18next from 'i18next';
import { apiGet, download, queryClient, type QueryParams } from '../../app/api.ts';
import { listParams, pagedListQuery, type Filters } from '../../app/components/listParams.ts';

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

const workbenchQuery = queryOptions({
  queryKey: [WORKBENCH],
  queryFn: ({ signal }) => apiGet<Workbench>(WORKBENCH, undefined, signal),
});
export const useWorkbench = () => useQuery({ ...workbenchQuery, refetchOnWindowFocus: true });
export const prefetchWorkbench = () => queryClient.prefetchQuery(workbenchQuery);

/** The contribution report's filters in the address, and its chart's largest customers. */
export const CONTRIBUTION_FILTERS = ['customerName', 'year'] as const;
export const CONTRIBUTION_TOP = 10;
export const contributionTopQuery = (filters: Filters) =>
  queryOptions({
    queryKey: [REPORTS.contribution, { ...filters, page: 1, pageSize: CONTRIBUTION_TOP }],
    queryFn: ({ signal }) =>
      apiGet<ContributionReport>(REPORTS.contribution, { ...filters, page: 1, pageSize: CONTRIBUTION_TOP }, signal),
  });
export const prefetchContribution = (search: URLSearchParams) => {
  const { filters, params } = listParams(search, CONTRIBUTION_FILTERS);
  return Promise.all([
    queryClient.prefetchQuery(pagedListQuery(REPORTS.contribution, params)),
    queryClient.prefetchQuery(contributionTopQuery(filters)),
  ]);
};

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
