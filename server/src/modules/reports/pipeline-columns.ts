import type { ForecastItem, ReportLang, WinLossRow } from '@crm/contracts';
import type { ExportColumn } from '../../platform/export.ts';

/** The pipeline reports' files: the same columns as their tables on screen, headers in the reader's language. */
type Text = Record<ReportLang, string>;
const t = (lang: ReportLang, text: Text) => text[lang];

const FORECAST_TITLE: Text = { zh: '销售预测', en: 'Sales forecast' };
const WIN_LOSS_TITLE: Text = { zh: '赢单分析', en: 'Win-loss analysis' };

/** A group without a value: no assignee yet, no source, no stage recorded, no reason given. */
export const NONE: Text = { zh: '（无）', en: '(none)' };

export const forecastFile = (lang: ReportLang, from: string, to: string) => ({
  ascii: `sales-forecast-${from}-${to}`,
  local: `${t(lang, FORECAST_TITLE)}-${from}-${to}`,
  sheet: t(lang, FORECAST_TITLE),
});

export const forecastColumns = (lang: ReportLang): ExportColumn<ForecastItem>[] => [
  { header: t(lang, { zh: '预计成交月份', en: 'Close month' }), value: (r) => r.month, width: 14 },
  {
    header: t(lang, { zh: '负责人', en: 'Assignee' }),
    value: (r) => r.assignee?.displayName ?? t(lang, { zh: '（未指派）', en: '(unassigned)' }),
    width: 16,
  },
  { header: t(lang, { zh: '机会数', en: 'Opportunities' }), value: (r) => r.count, kind: 'integer', width: 12 },
  { header: t(lang, { zh: '预计金额（元）', en: 'Amount (CNY)' }), value: (r) => r.amount, kind: 'money', width: 18 },
  {
    header: t(lang, { zh: '加权金额（元）', en: 'Weighted (CNY)' }),
    value: (r) => r.weighted,
    kind: 'money',
    width: 18,
  },
];

export const winLossFile = (lang: ReportLang, from: string, to: string) => ({
  ascii: `win-loss-${from}-${to}`,
  local: `${t(lang, WIN_LOSS_TITLE)}-${from}-${to}`,
  sheet: t(lang, WIN_LOSS_TITLE),
});

const DIMENSION: Record<WinLossRow['dimension'], Text> = {
  source: { zh: '来源', en: 'Source' },
  assignee: { zh: '负责人', en: 'Assignee' },
  stage: { zh: '到达阶段', en: 'Stage reached' },
  failReason: { zh: '失败原因', en: 'Failure reason' },
};

export const winLossColumns = (lang: ReportLang): ExportColumn<WinLossRow>[] => [
  { header: t(lang, { zh: '维度', en: 'Dimension' }), value: (r) => t(lang, DIMENSION[r.dimension]), width: 14 },
  { header: t(lang, { zh: '分组', en: 'Group' }), value: (r) => r.label, width: 30 },
  { header: t(lang, { zh: '成功', en: 'Won' }), value: (r) => r.succeeded, kind: 'integer', width: 10 },
  { header: t(lang, { zh: '失败', en: 'Lost' }), value: (r) => r.failed, kind: 'integer', width: 10 },
  {
    header: t(lang, { zh: '成功率（%）', en: 'Win rate (%)' }),
    value: (r) => r.successPercent,
    kind: 'percent',
    width: 12,
  },
  {
    header: t(lang, { zh: '赢单金额（元）', en: 'Amount won (CNY)' }),
    value: (r) => r.amountWon,
    kind: 'money',
    width: 18,
  },
];
