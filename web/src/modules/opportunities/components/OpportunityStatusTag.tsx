import type { OpportunityStatus } from '@crm/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<OpportunityStatus, string> = {
  unassigned: 'default',
  assigned: 'processing',
  succeeded: 'success',
  failed: 'error',
};

/** 未分配 / 开发中 / 开发成功 / 开发失败 (docs/product.md#opportunities, rule 7). */
export function OpportunityStatusTag({ status }: { status: OpportunityStatus }) {
  const { t } = useTranslation('opportunities');
  return <Tag color={COLORS[status]}>{t(`status.${status}`)}</Tag>;
}
