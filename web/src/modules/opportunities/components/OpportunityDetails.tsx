import type { Opportunity } from '@crm/contracts';
import { Descriptions, theme } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { yuan } from '../stages.ts';
import { OpportunityStatusTag } from './OpportunityStatusTag.tsx';

const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/**
 * Every field of an opportunity (docs/product.md#opportunities, rule 6), shown above its plan
 * (docs/product.md#development-plans, rule 1).
 */
export function OpportunityDetails({ opportunity: o }: { opportunity: Opportunity }) {
  const { t, i18n } = useTranslation('opportunities');
  const { token } = theme.useToken();
  const dash = (v: string | null) => v ?? '—';
  return (
    <Descriptions
      size="small"
      // antd's default label grey is too light for WCAG AA on white
      styles={{ label: { color: token.colorTextSecondary } }}
      column={{ xs: 1, md: 2, xl: 3 }}
      items={[
        { key: 'id', label: t('field.id'), children: o.id },
        { key: 'source', label: t('field.source'), children: dash(o.source) },
        { key: 'customerName', label: t('field.customerName'), children: o.customerName },
        { key: 'successRate', label: t('field.successRate'), children: `${o.successRate}%` },
        {
          key: 'expectedAmount',
          label: t('field.expectedAmount'),
          children: o.expectedAmount === null ? '—' : `${yuan(o.expectedAmount, i18n.language)} ${t('form.yuan')}`,
        },
        { key: 'expectedCloseDate', label: t('field.expectedCloseDate'), children: dash(o.expectedCloseDate) },
        { key: 'stage', label: t('field.stage'), children: o.stage?.item ?? '—' },
        { key: 'contactName', label: t('field.contactName'), children: dash(o.contactName) },
        { key: 'contactPhone', label: t('field.contactPhone'), children: dash(o.contactPhone) },
        { key: 'summary', label: t('field.summary'), children: o.summary, span: 'filled' },
        {
          key: 'description',
          label: t('field.description'),
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{o.description}</span>,
          span: 'filled',
        },
        { key: 'status', label: t('field.status'), children: <OpportunityStatusTag status={o.status} /> },
        { key: 'createdBy', label: t('field.createdBy'), children: o.createdBy.displayName },
        { key: 'createdAt', label: t('field.createdAt'), children: when(o.createdAt) },
        { key: 'assignee', label: t('field.assignee'), children: o.assignee?.displayName ?? '—' },
        { key: 'assignedAt', label: t('field.assignedAt'), children: when(o.assignedAt) },
        ...(o.closedAt ? [{ key: 'closedAt', label: t('field.closedAt'), children: when(o.closedAt) }] : []),
        ...(o.status === 'failed'
          ? [
              {
                key: 'failReason',
                label: t('field.failReason'),
                children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(o.failReason)}</span>,
                span: 'filled' as const,
              },
            ]
          : []),
        ...(o.customerId
          ? [
              {
                key: 'customer',
                label: t('field.customer'),
                children: <Link to={`/customers/${o.customerId}`}>{t('detail.openCustomer')}</Link>,
              },
            ]
          : []),
      ]}
    />
  );
}
