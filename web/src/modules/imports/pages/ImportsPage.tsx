import type { ImportRecord } from '@crm/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { ROW_ACTIONS, WIDE_ONLY } from '../../../app/components/table.ts';
import { usePagedList } from '../../../app/components/usePagedList.ts';
import { IMPORTS } from '../api.ts';
import { ImportStatusTag } from '../components/ImportStatusTag.tsx';

/** 导入客户: one's past imports (an administrator's: every import), newest first (docs/imports.md, rule 10). */
export function ImportsPage() {
  const { t } = useTranslation('imports');
  const navigate = useNavigate();
  const list = usePagedList<ImportRecord>(IMPORTS, []);
  const columns: TableColumnsType<ImportRecord> = [
    {
      title: t('list.fileName'),
      dataIndex: 'fileName',
      render: (name: string, r) => <Link to={`/imports/${r.id}`}>{name}</Link>,
    },
    { title: t('list.status'), dataIndex: 'status', render: (_, r) => <ImportStatusTag status={r.status} /> },
    {
      title: t('list.counts'),
      key: 'counts',
      responsive: WIDE_ONLY,
      render: (_, r) => `${r.created} / ${r.updated} / ${r.skipped} / ${r.failed}`,
    },
    { title: t('list.createdBy'), key: 'by', responsive: WIDE_ONLY, render: (_, r) => r.createdBy.displayName },
    {
      title: t('list.createdAt'),
      dataIndex: 'createdAt',
      responsive: WIDE_ONLY,
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => navigate(`/imports/${r.id}`)}>
          {t('list.open')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('list.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/imports/new')}>
            {t('list.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('list.intro')}</Typography.Paragraph>
      <Table rowKey="id" columns={columns} {...list.tableProps} />
    </>
  );
}
