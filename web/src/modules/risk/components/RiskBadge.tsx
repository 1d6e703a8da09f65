import type { Risk, RiskLevel } from '@crm/contracts';
import { Popover, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../app/components/useIsPhone.ts';

const COLORS: Record<RiskLevel, string> = { low: 'success', medium: 'warning', high: 'error' };

/** A risk level as a tag. */
export function RiskLevelTag({ level }: { level: RiskLevel }) {
  const { t } = useTranslation('risk');
  return <Tag color={COLORS[level]}>{t(`level.${level}`)}</Tag>;
}

/** The reasons of a score, one per line (texts in the UI's language, written by the server). */
export function RiskReasons({ risk }: { risk: Risk }) {
  const { t } = useTranslation('risk');
  if (!risk.reasons.length) return <Typography.Text type="secondary">{t('badge.noReasons')}</Typography.Text>;
  return (
    <ul className="risk-reasons" style={{ margin: 0, paddingInlineStart: 18, maxWidth: 360 }}>
      {risk.reasons.map((r) => (
        <li key={r.code}>{r.text}</li>
      ))}
    </ul>
  );
}

/**
 * docs/churn-risk.md#where-it-shows: a customer's risk level as a tag; its score and reasons in a popover on hover or
 * focus (a tap on a phone). Nothing when no risk was computed yet.
 */
export function RiskBadge({ risk }: { risk: Risk | null | undefined }) {
  const { t } = useTranslation('risk');
  const phone = useIsPhone();
  if (!risk) return null;
  const level = t(`level.${risk.level}`);
  return (
    <Popover
      title={t('badge.score', { score: risk.score })}
      content={<RiskReasons risk={risk} />}
      // a tap on a phone; hover or keyboard focus elsewhere
      trigger={phone ? 'click' : ['hover', 'focus']}
    >
      <Tag
        color={COLORS[risk.level]}
        tabIndex={0}
        role="button"
        aria-label={t('badge.label', { level, score: risk.score })}
        data-testid="risk-badge"
        style={{ cursor: 'pointer' }}
      >
        {level}
      </Tag>
    </Popover>
  );
}
