import type {
  ChurnReportRow,
  CompositionDimension,
  CompositionItem,
  ContributionRow,
  ReportLang,
  ServiceReportItem,
  SlaReportItem,
} from '@crm/contracts';
import type { ExportColumn } from '../../platform/export.ts';

/**
 * The exported files' columns: the same as the tables on the report pages, with headers in the reader's language.
 * Kept beside the reports (the web has its own texts for the screens).
 */
type Text = Record<ReportLang, string>;
const t = (lang: ReportLang, text: Text) => text[lang];

type FileNames = { ascii: string; local: string; sheet: string };
const names = (lang: ReportLang, ascii: string, title: Text, suffix = ''): FileNames => ({
  ascii: `${ascii}${suffix}`,
  local: `${t(lang, title)}${suffix}`,
  sheet: t(lang, title),
});

const CONTRIBUTION_TITLE: Text = { zh: '客户贡献分析', en: 'Customer contribution' };
const COMPOSITION_TITLE: Text = { zh: '客户构成分析', en: 'Customer composition' };
const SERVICES_TITLE: Text = { zh: '客户服务分析', en: 'Service analysis' };
const CHURN_TITLE: Text = { zh: '客户流失分析', en: 'Churn analysis' };

export const NOT_SET: Text = { zh: '未设置', en: 'Not set' };

export const contributionFile = (lang: ReportLang, year?: number) =>
  names(lang, 'customer-contribution', CONTRIBUTION_TITLE, year ? `-${year}` : '');

export const contributionColumns = (lang: ReportLang): ExportColumn<ContributionRow>[] => [
  { header: t(lang, { zh: '客户编号', en: 'Customer number' }), value: (r) => r.customerNumber, width: 18 },
  { header: t(lang, { zh: '客户名称', en: 'Customer' }), value: (r) => r.customerName, width: 36 },
  {
    header: t(lang, { zh: '订单金额（元）', en: 'Order amount (CNY)' }),
    value: (r) => r.amount,
    kind: 'money',
    width: 20,
  },
];

const DIMENSION: Record<CompositionDimension, Text> = {
  level: { zh: '客户等级', en: 'Level' },
  credit: { zh: '客户信用度', en: 'Credit' },
  satisfaction: { zh: '客户满意度', en: 'Satisfaction' },
};
const DIMENSION_ASCII: Record<CompositionDimension, string> = {
  level: 'level',
  credit: 'credit',
  satisfaction: 'satisfaction',
};

export const compositionFile = (lang: ReportLang, by: CompositionDimension): FileNames => ({
  ascii: `customer-composition-${DIMENSION_ASCII[by]}`,
  local: `${t(lang, COMPOSITION_TITLE)}-${t(lang, DIMENSION[by])}`,
  sheet: t(lang, COMPOSITION_TITLE),
});

export const compositionColumns = (lang: ReportLang, by: CompositionDimension): ExportColumn<CompositionItem>[] => [
  { header: t(lang, DIMENSION[by]), value: (r) => r.label, width: 20 },
  { header: t(lang, { zh: '客户数', en: 'Customers' }), value: (r) => r.count, kind: 'integer', width: 12 },
  { header: t(lang, { zh: '占比（%）', en: 'Share (%)' }), value: (r) => r.percent, kind: 'percent', width: 12 },
];

export const servicesFile = (lang: ReportLang, year?: number) =>
  names(lang, 'service-analysis', SERVICES_TITLE, year ? `-${year}` : '');

export const servicesColumns = (lang: ReportLang): ExportColumn<ServiceReportItem>[] => [
  { header: t(lang, { zh: '服务类型', en: 'Service type' }), value: (r) => r.type, width: 20 },
  { header: t(lang, { zh: '服务数', en: 'Services' }), value: (r) => r.count, kind: 'integer', width: 12 },
];

export const churnFile = (lang: ReportLang) => names(lang, 'churn-analysis', CHURN_TITLE);

export const churnColumns = (lang: ReportLang): ExportColumn<ChurnReportRow>[] => [
  { header: t(lang, { zh: '客户编号', en: 'Customer number' }), value: (r) => r.customerNumber, width: 18 },
  { header: t(lang, { zh: '客户名称', en: 'Customer' }), value: (r) => r.customerName, width: 32 },
  { header: t(lang, { zh: '客户经理', en: 'Manager' }), value: (r) => r.managerName, width: 14 },
  { header: t(lang, { zh: '最后下单日期', en: 'Last order' }), value: (r) => r.lastOrderDate, kind: 'date', width: 14 },
  {
    header: t(lang, { zh: '确认流失时间', en: 'Confirmed at' }),
    value: (r) => r.confirmedAt,
    kind: 'datetime',
    width: 20,
  },
  { header: t(lang, { zh: '流失原因', en: 'Reason' }), value: (r) => r.reason, width: 40 },
];

const SLA_TITLE: Text = { zh: '服务时限达成', en: 'Service time limits' };

export const slaFile = (lang: ReportLang, year: number, month?: number) =>
  names(lang, 'service-sla', SLA_TITLE, `-${year}${month ? `-${String(month).padStart(2, '0')}` : ''}`);

export const slaColumns = (lang: ReportLang): ExportColumn<SlaReportItem>[] => [
  { header: t(lang, { zh: '服务类型', en: 'Service type' }), value: (r) => r.type, width: 20 },
  { header: t(lang, { zh: '服务数', en: 'Services' }), value: (r) => r.total, kind: 'integer', width: 12 },
  {
    header: t(lang, { zh: '时限内处理', en: 'Handled within the limit' }),
    value: (r) => r.handledWithin,
    kind: 'integer',
    width: 16,
  },
  { header: t(lang, { zh: '达成率（%）', en: 'Within (%)' }), value: (r) => r.percent, kind: 'percent', width: 12 },
  {
    header: t(lang, { zh: '平均处理时长（小时）', en: 'Average hours to handle' }),
    value: (r) => r.avgHandleHours,
    kind: 'percent',
    width: 18,
  },
];
