import type { ServiceStatus } from '@crm/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

// status colours: dark text on a light background (the preset colours' coloured text fails the contrast rule)
const COLORS: Record<ServiceStatus, string> = {
  new: 'processing',
  assigned: 'warning',
  handled: 'default',
  archived: 'success',
};

/** 新创建 / 已分配 / 已处理 / 已归档. */
export function ServiceStatusTag({ status }: { status: ServiceStatus }) {
  const { t } = useTranslation('services');
  return <Tag color={COLORS[status]}>{t(`status.${status}`)}</Tag>;
}

/** 超时: past a deadline that is still the service's (docs/service-sla.md#deadlines, rule 3). */
export function OverdueTag() {
  const { t } = useTranslation('services');
  return (
    <Tag color="error" data-testid="overdue-tag">
      {t('overdue.tag')}
    </Tag>
  );
}
