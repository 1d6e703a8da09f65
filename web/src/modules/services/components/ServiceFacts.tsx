import { createdByText, PortalSourceTag } from './ServiceSource.tsx';
import type { Service } from '@crm/contracts';
import { Descriptions, Typography, type DescriptionsProps } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Stars } from '../../../app/components/Stars.tsx';
import { OverdueTag, ServiceStatusTag } from './ServiceStatusTag.tsx';

export const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
const text = (v: string | null) => (v ? <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> : '—');

/**
 * A service's fields, read-only. `brief` shows what a step's dialog needs (the request and the latest handling);
 * the detail page shows every field of docs/product.md#customer-service, rule 6
 */
export function ServiceFacts({ service: s, brief = false }: { service: Service; brief?: boolean }) {
  const { t } = useTranslation('services');
  const items: DescriptionsProps['items'] = [
    { key: 'number', label: t('field.number'), children: s.number },
    {
      key: 'status',
      label: t('field.status'),
      children: (
        <>
          <ServiceStatusTag status={s.status} />
          {s.overdue && <OverdueTag />}
        </>
      ),
    },
    { key: 'type', label: t('field.type'), children: s.type },
    { key: 'customer', label: t('field.customer'), children: s.customer.name },
    { key: 'summary', label: t('field.summary'), children: s.summary, span: 2 },
    { key: 'request', label: t('field.request'), children: text(s.request), span: 2 },
    {
      key: 'createdBy',
      label: t('field.createdBy'),
      children: (
        <>
          {createdByText(t, s)} <PortalSourceTag service={s} />
        </>
      ),
    },
    { key: 'createdAt', label: t('field.createdAt'), children: when(s.createdAt) },
  ];
  if (s.requestedBy)
    items.push(
      { key: 'source', label: t('field.source'), children: t(`source.${s.source}`) },
      { key: 'requestedBy', label: t('field.requestedBy'), children: s.requestedBy.name },
    );
  // docs/service-sla.md#deadlines: the deadlines it was created with
  if (!brief && (s.assignDueAt || s.handleDueAt))
    items.push(
      { key: 'assignDueAt', label: t('field.assignDueAt'), children: when(s.assignDueAt) },
      { key: 'handleDueAt', label: t('field.handleDueAt'), children: when(s.handleDueAt) },
    );
  if (!brief || s.handling) {
    items.push(
      {
        key: 'assignee',
        label: t('field.assignee'),
        children: (
          <>
            {s.assignee?.displayName ?? '—'}
            {s.assignedByRule && (
              <div>
                <Typography.Text type="secondary" data-testid="assigned-by-rule">
                  {t('byRule', { name: s.assignedByRule.name })}
                </Typography.Text>
              </div>
            )}
          </>
        ),
      },
      { key: 'assignedAt', label: t('field.assignedAt'), children: when(s.assignedAt) },
      { key: 'handling', label: t('field.handling'), children: text(s.handling), span: 2 },
      { key: 'handledBy', label: t('field.handledBy'), children: s.handledBy?.displayName ?? '—' },
      { key: 'handledAt', label: t('field.handledAt'), children: when(s.handledAt) },
    );
  }
  if (!brief) {
    items.push(
      { key: 'result', label: t('field.result'), children: text(s.result), span: 2 },
      { key: 'satisfaction', label: t('field.satisfaction'), children: <Stars value={s.satisfaction} /> },
    );
  }
  return <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={items} />;
}
