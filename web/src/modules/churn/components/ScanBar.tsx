import type { SalesStatus } from '@crm/contracts';
import { SyncOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../../app/api.ts';
import { feedback, showError } from '../../../app/feedback.ts';
import { useCan } from '../../../app/session.tsx';
import { useLastScan, useScanNow } from '../api.ts';

const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/**
 * How current the warnings are: when the check last ran (and what it found), how current the sales figures it
 * read are, and — for holders of churn.scan — 立即检查.
 */
export function ScanBar() {
  const { t } = useTranslation('churn');
  const can = useCan();
  const last = useLastScan();
  const sales = useQuery({
    queryKey: ['/sales/status'],
    queryFn: ({ signal }) => apiGet<SalesStatus>('/sales/status', undefined, signal),
  });
  const scan = useScanNow();
  const runNow = () =>
    scan.mutate(undefined, {
      onSuccess: (r) => {
        if (r.skipped) void feedback.message.info(t('scan.running'));
        else void feedback.message.success(t('scan.result', r));
      },
      onError: showError,
    });
  const run = last.data;
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Space wrap size="large" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space orientation="vertical" size={0}>
          <Typography.Text data-testid="churn-last-scan">
            {run?.finishedAt
              ? t('scan.lastScan', { at: when(run.finishedAt) })
              : // issue 14, item 7: only who may run it is told to; the others learn that it will run by itself
                t(can('churn.scan') ? 'scan.never' : 'scan.neverScheduled')}
            {run?.result && <Typography.Text type="secondary"> — {t('scan.result', run.result)}</Typography.Text>}
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="churn-sales-as-of">
            {sales.data?.asOf ? t('scan.salesAsOf', { at: when(sales.data.asOf) }) : t('scan.salesNever')}
          </Typography.Text>
        </Space>
        {can('churn.scan') && (
          <Button icon={<SyncOutlined />} loading={scan.isPending} onClick={runNow}>
            {t('scan.checkNow')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
