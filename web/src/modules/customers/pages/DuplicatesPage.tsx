import type { DuplicateGroup } from '@crm/contracts';
import { MergeCellsOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { ROW_ACTIONS } from '../../../app/components/table.ts';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { feedback, showError } from '../../../app/feedback.ts';
import { DUPLICATES, useScanDuplicates } from '../api.ts';

const REASON_COLOURS = { creditCode: 'error', name: 'default', phone: 'processing' } as const;

/** 查重合并 (docs/duplicates-and-merge.md, rules 1, 2 and 9): the groups of likely duplicates, each to merge. */
export function DuplicatesPage() {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  const list = usePagedList<DuplicateGroup>(DUPLICATES);
  const scan = useScanDuplicates();

  const runScan = () =>
    scan
      .mutateAsync()
      .then(({ groups }) => void feedback.message.success(t('duplicates.scanned', { count: groups })), showError);

  const columns: TableColumnsType<DuplicateGroup> = [
    {
      title: t('duplicates.reason'),
      dataIndex: 'reason',
      render: (r: DuplicateGroup['reason']) => <Tag color={REASON_COLOURS[r]}>{t(`duplicates.reasons.${r}`)}</Tag>,
    },
    {
      title: t('duplicates.customers'),
      key: 'customers',
      render: (_, g) => (
        <Space direction="vertical" size={2}>
          {g.customers.map((c) => (
            <span key={c.id}>
              <Link to={`/customers/${c.id}`}>{c.name}</Link>{' '}
              <Typography.Text type="secondary">
                {c.number} · {c.manager?.displayName ?? t('inPool')} · {dayjs(c.createdAt).format('YYYY-MM-DD')}
              </Typography.Text>
            </span>
          ))}
        </Space>
      ),
    },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, g) => (
        <Button
          size="small"
          icon={<MergeCellsOutlined />}
          aria-label={`${t('duplicates.merge')} ${g.customers.map((c) => c.name).join(' ')}`}
          onClick={() => navigate(`/customers/merge?ids=${g.customers.map((c) => c.id).join(',')}`)}
        >
          {t('duplicates.merge')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('duplicates.title')}
        extra={
          <Button icon={<ReloadOutlined />} loading={scan.isPending} onClick={() => void runScan()}>
            {t('duplicates.scan')}
          </Button>
        }
      />
      <Table<DuplicateGroup>
        rowKey="groupId"
        columns={columns}
        locale={{ emptyText: t('duplicates.empty') }}
        {...list.tableProps}
        loading={list.query.isFetching || scan.isPending}
      />
    </>
  );
}
