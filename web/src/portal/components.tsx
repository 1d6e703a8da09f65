import type { ServiceStatus } from '@crm/contracts';
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

// dark text on a light background (the preset colours' coloured text fails the contrast rule)
const COLORS: Record<ServiceStatus, string> = {
  new: 'processing',
  assigned: 'default',
  handled: 'warning',
  archived: 'success',
};

/** A request's status in the customer's words (handled = waiting for their rating). */
export function PortalStatusTag({ status }: { status: ServiceStatus }) {
  const { t } = useTranslation('portal');
  return (
    <Tag color={COLORS[status]} data-testid="portal-status">
      {t(`status.${status}`)}
    </Tag>
  );
}

export const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const money = (n: number) => n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
