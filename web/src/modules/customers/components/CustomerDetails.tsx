import type { Customer } from '@crm/contracts';
import { Descriptions, theme, type DescriptionsProps } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_DETAIL_FIELDS, isCustomerAmountField } from '@crm/contracts/values';
import { Stars } from '../../../app/components/Stars.tsx';
import { formatMoney } from '../api.ts';

/** A stored website opens as a link only when it is one (older records may hold any text). */
const isLink = (v: string) => /^https?:\/\/[^\s]+$/i.test(v);

/**
 * The customer record read-only (issue 14, item 3): every field of docs/product.md#customers, rule 3, editing is a
 * separate step.
 */
export function CustomerDetails({ customer: c }: { customer: Customer }) {
  const { t, i18n } = useTranslation('customers');
  const { token } = theme.useToken();
  const text = (v: string | null) => v ?? <span style={{ color: token.colorTextSecondary }}>{t('common:notSet')}</span>;
  const amount = (v: number | null) => (v === null ? text(null) : formatMoney(v, i18n.language));
  const website = (v: string | null) =>
    v && isLink(v) ? (
      <a href={v} target="_blank" rel="noopener noreferrer">
        {v}
      </a>
    ) : (
      text(v)
    );
  const items: DescriptionsProps['items'] = [
    { key: 'number', label: t('fields.number'), children: c.number },
    { key: 'name', label: t('fields.name'), children: c.name },
    { key: 'creditCode', label: t('fields.creditCode'), children: text(c.creditCode) },
    { key: 'region', label: t('fields.region'), children: text(c.region) },
    { key: 'manager', label: t('fields.manager'), children: c.manager?.displayName ?? t('inPool') },
    { key: 'level', label: t('fields.level'), children: text(c.level) },
    { key: 'satisfaction', label: t('fields.satisfaction'), children: <Stars value={c.satisfaction} /> },
    { key: 'credit', label: t('fields.credit'), children: <Stars value={c.credit} /> },
    ...CUSTOMER_DETAIL_FIELDS.map((f) => ({
      key: f,
      label: t(`fields.${f}`),
      children: isCustomerAmountField(f) ? amount(c[f]) : f === 'website' ? website(c.website) : text(c[f]),
    })),
    { key: 'createdAt', label: t('fields.createdAt'), children: dayjs(c.createdAt).format('YYYY-MM-DD HH:mm') },
  ];
  return (
    <Descriptions
      size="small"
      data-testid="customer-details"
      // antd's default label grey is too light for WCAG AA on white
      styles={{ label: { color: token.colorTextSecondary } }}
      column={{ xs: 1, md: 2, xl: 3 }}
      items={items}
    />
  );
}
