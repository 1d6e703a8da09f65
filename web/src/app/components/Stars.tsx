import { Rate } from 'antd';
import { useTranslation } from 'react-i18next';

/** Satisfaction and credit (1–5) as ★ stars; "未设置 / not set" when there is no value. */
export function Stars({ value }: { value: number | null | undefined }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return <span className="stars-unset">{t('notSet')}</span>;
  const n = Math.max(0, Math.min(5, Math.round(value)));
  return (
    <span role="img" aria-label={t('stars', { count: n })} title={t('stars', { count: n })} className="stars">
      {'★'.repeat(n)}
      <span className="stars-off">{'☆'.repeat(5 - n)}</span>
    </span>
  );
}

/**
 * A 1–5 star picker for forms (`value`/`onChange` as antd Form.Item passes them); clicking the chosen star clears it.
 */
export function StarsInput({
  value,
  onChange,
  id,
  disabled,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  id?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Rate
      id={id}
      count={5}
      allowClear
      disabled={disabled}
      value={value ?? 0}
      onChange={(v) => onChange?.(v ? v : null)}
      tooltips={[1, 2, 3, 4, 5].map((n) => t('stars', { count: n }))}
    />
  );
}
