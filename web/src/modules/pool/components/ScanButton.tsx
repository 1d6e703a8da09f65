import { SyncOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { feedback, showError } from '../../../app/feedback.ts';
import { useScanPool } from '../api.ts';

/** 立即检查退回: runs the nightly return now (docs/organisation.md#customer-pool, rule 5), for holders of pool.manage. */
export function ScanButton() {
  const { t } = useTranslation('pool');
  const scan = useScanPool();
  const run = () =>
    scan.mutate(undefined, {
      onSuccess: (r) => void feedback.message.success(t('list.scanned', r)),
      onError: showError,
    });
  return (
    <Button icon={<SyncOutlined />} loading={scan.isPending} onClick={run}>
      {t('list.scan')}
    </Button>
  );
}
