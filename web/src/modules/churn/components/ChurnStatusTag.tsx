import type { ChurnStatus } from '@crm/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<ChurnStatus, string> = {
  warning: 'warning',
  delayed: 'processing',
  lost: 'error',
  recovered: 'success',
};

/** 预警 / 暂缓流失 / 已流失 / 已恢复. */
export function ChurnStatusTag({ status }: { status: ChurnStatus }) {
  const { t } = useTranslation('churn');
  return <Tag color={COLORS[status]}>{t(`status.${status}`)}</Tag>;
}
