import type { Service } from '@crm/contracts';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { WIDE_ONLY } from '../../../app/components/table.ts';
import { PortalSourceTag } from './ServiceSource.tsx';
import { OverdueTag } from './ServiceStatusTag.tsx';

/**
 * The columns every list of services begins with: number (a link to the service), type, summary (tagged 超时 when
 * overdue, docs/service-sla.md#deadlines), customer.
 */
export const leadingColumns = (t: TFunction<'services'>): TableColumnsType<Service> => [
  {
    title: t('field.number'),
    dataIndex: 'number',
    responsive: WIDE_ONLY,
    render: (n: string, s) => <Link to={`/services/${s.id}`}>{n}</Link>,
  },
  { title: t('field.type'), dataIndex: 'type', responsive: WIDE_ONLY },
  {
    title: t('field.summary'),
    dataIndex: 'summary',
    render: (summary: string, s) => (
      <>
        {summary} <PortalSourceTag service={s} /> {s.overdue && <OverdueTag />}
      </>
    ),
  },
  { title: t('field.customer'), key: 'customer', render: (_, s) => s.customer.name },
];
