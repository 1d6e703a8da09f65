import type { ImportStatus } from '@crm/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLOURS: Record<ImportStatus, string> = {
  uploaded: 'default',
  checked: 'blue',
  running: 'processing',
  done: 'success',
  failed: 'error',
  reverted: 'warning',
};

export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const { t } = useTranslation('imports');
  return <Tag color={COLOURS[status]}>{t(`status.${status}`)}</Tag>;
}
