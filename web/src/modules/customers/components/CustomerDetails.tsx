import type { Customer } from '@crm/contracts';
import { Descriptions, theme, type DescriptionsProps } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
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
  const items: DescriptionsProps['items'] = [
    { key: 'number', label: t('fields.number'), children: c.number },
    { key: 'name', label: t('fields.name'), children: c.name },
    { key: 'creditCode', label: t('fields.creditCode'), children: text(c.creditCode) },
    { key: 'region', label: t('fields.region'), children: text(c.region) },
    { key: 'manager', label: t('fields.manager'), children: c.manager?.displayName ?? t('inPool') },
    { key: 'level', label: t('fields.level'), children: text(c.level) },
    { key: 'satisfaction', label: t('fields.satisfaction'), children: <Stars value={c.satisfaction} /> },
    { key: 'credit', label: t('fields.credit'), children: <Stars value={c.credit} /> },
    { key: 'address', label: t('fields.address'), children: text(c.address) },
    { key: 'postcode', label: t('fields.postcode'), children: text(c.postcode) },
    { key: 'phone', label: t('fields.phone'), children: text(c.phone) },
    { key: 'fax', label: t('fields.fax'), children: text(c.fax) },
    {
      key: 'website',
      label: t('fields.website'),
      children:
        c.website && isLink(c.website) ? (
          <a href={c.website} target="_blank" rel="noopener noreferrer">
            {c.website}
          </a>
        ) : (
          text(c.website)
        ),
    },
    { key: 'licenceNo', label: t('fields.licenceNo'), children: text(c.licenceNo) },
    { key: 'legalRepresentative', label: t('fields.legalRepresentative'), children: text(c.legalRepresentative) },
    { key: 'registeredCapital', label: t('fields.registeredCapital'), children: amount(c.registeredCapital) },
    { key: 'annualTurnover', label: t('fields.annualTurnover'), children: amount(c.annualTurnover) },
    { key: 'bank', label: t('fields.bank'), children: text(c.bank) },
    { key: 'bankAccount', label: t('fields.bankAccount'), children: text(c.bankAccount) },
    { key: 'localTaxNo', label: t('fields.localTaxNo'), children: text(c.localTaxNo) },
    { key: 'nationalTaxNo', label: t('fields.nationalTaxNo'), children: text(c.nationalTaxNo) },
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
