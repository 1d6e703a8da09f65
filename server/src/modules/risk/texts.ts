import type { RiskReason, RiskReasonCode } from '@crm/contracts';

/** A reason as stored by the refresh (docs/churn-risk.md#the-score, rule 6): its code and its numbers. */
export type StoredReason = { code: RiskReasonCode; params: Record<string, number | boolean | null> };
export type Lang = 'zh' | 'en';

/**
 * The reader's language for texts the server writes: the first of `Accept-Language`'s languages that is Chinese or
 * English (the web app sends its own), Chinese by default — as the reports' files default to.
 */
export function langOf(acceptLanguage: string | undefined): Lang {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}

const n = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));
/** Yuan, grouped, without decimals: the reason names the size of a drop, not the exact sum. */
const yuan = (v: unknown, lang: Lang) => `¥${Math.round(n(v)).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')}`;

function recency(p: StoredReason['params'], lang: Lang) {
  const days = n(p.days);
  if (p.neverOrdered)
    return lang === 'zh'
      ? `建档 ${days} 天以来没有订单（流失预警线 ${n(p.thresholdDays)} 天）`
      : `no order in the ${days} days since it was created (the churn warning comes after ${n(p.thresholdDays)} days)`;
  if (p.usualDays == null)
    return lang === 'zh'
      ? `已 ${days} 天未下单（历史订单不足，按流失预警线 ${n(p.thresholdDays)} 天衡量）`
      : `no order for ${days} days (little history: measured against the ${n(p.thresholdDays)}-day churn threshold)`;
  return lang === 'zh'
    ? `已 ${days} 天未下单，通常每 ${n(p.usualDays)} 天一单`
    : `no order for ${days} days; usually every ${n(p.usualDays)} days`;
}

/** docs/churn-risk.md#the-score, rule 6: a stored reason as a sentence in the reader's language. */
export function reasonText(r: StoredReason, lang: Lang): string {
  const p = r.params;
  switch (r.code) {
    case 'recency':
      return recency(p, lang);
    case 'frequency_drop':
      return lang === 'zh'
        ? `近 12 个月 ${n(p.last)} 单，此前 12 个月 ${n(p.previous)} 单（−${n(p.percent)}%）`
        : `${n(p.last)} orders in the last 12 months against ${n(p.previous)} in the 12 before (−${n(p.percent)} %)`;
    case 'amount_drop':
      return lang === 'zh'
        ? `近 12 个月金额 ${yuan(p.last, lang)}，较此前 12 个月（${yuan(p.previous, lang)}）下降 ${n(p.percent)}%`
        : `amount ${yuan(p.last, lang)} in the last 12 months, −${n(p.percent)} % against the 12 before (${yuan(p.previous, lang)})`;
  }
}

export const reasonTexts = (reasons: StoredReason[], lang: Lang): RiskReason[] =>
  reasons.map((r) => ({ code: r.code, text: reasonText(r, lang) }));
