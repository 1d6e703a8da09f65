import type { AtRiskItem } from '@crm/contracts';
import { RISK_LEVELS } from '@crm/contracts/values';
import { Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ListFilters, SelectFilter } from '../../../app/components/ListFilters.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { ROW_ACTIONS, WIDE_ONLY } from '../../../app/components/table.ts';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { useCan } from '../../../app/session.tsx';
import { useManagers } from '../../customers/api.ts';
import { RiskBadge, RiskReasons } from '../components/RiskBadge.tsx';

export const AT_RISK = '/customers/at-risk';

/**
 * 流失风险 (docs/churn-risk.md#the-list): the customers at risk inside the user's scope, highest score first, filtered
 * by level and manager, with their reasons as text.
 */
export function AtRiskPage() {
  const { t } = useTranslation('risk');
  const can = useCan();
  const managers = useManagers(can('assignee.read'));
  const list = usePagedList<AtRiskItem>(AT_RISK, ['level', 'managerId']);

  const columns: TableColumnsType<AtRiskItem> = [
    {
      title: t('list.customer'),
      key: 'name',
      render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.name}</Link>,
    },
    { title: t('list.number'), dataIndex: 'number', responsive: WIDE_ONLY },
    {
      title: t('list.manager'),
      key: 'manager',
      responsive: WIDE_ONLY,
      render: (_, r) => r.manager?.displayName ?? t('list.inPool'),
    },
    { title: t('list.score'), dataIndex: 'score', align: 'right' },
    // on a phone the reasons column is hidden: the level's badge shows them on a tap
    { title: t('list.level'), key: 'level', render: (_, r) => <RiskBadge risk={r} /> },
    { title: t('list.reasons'), key: 'reasons', responsive: WIDE_ONLY, render: (_, r) => <RiskReasons risk={r} /> },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, r) => (
        <Link to={`/customers/${r.customerId}`} aria-label={`${t('list.open')} ${r.name}`}>
          {t('list.open')}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('list.title')}>
        <Typography.Text type="secondary">{t('list.intro')}</Typography.Text>
      </PageHeader>
      <ListFilters filters={list.filters} onSearch={list.setFilters}>
        <SelectFilter
          name="level"
          label={t('list.level')}
          width={150}
          placeholder={t('list.allLevels')}
          options={[...RISK_LEVELS].reverse().map((l) => ({ value: l, label: t(`level.${l}`) }))}
        />
        {can('assignee.read') && (
          <SelectFilter
            name="managerId"
            label={t('list.manager')}
            width={160}
            placeholder={t('list.allManagers')}
            options={(managers.data ?? []).map((m) => ({ value: String(m.id), label: m.displayName }))}
          />
        )}
      </ListFilters>
      <Table<AtRiskItem> rowKey="customerId" columns={columns} {...list.tableProps} />
    </>
  );
}
