import type { WebhookDeliveryStatus } from '@crm/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLOR: Record<WebhookDeliveryStatus, string> = { pending: 'processing', delivered: 'success', failed: 'error' };

/** 待投递 / 已送达 / 失败. */
export function DeliveryStatusTag({ status }: { status: WebhookDeliveryStatus }) {
  const { t } = useTranslation('webhooks');
  return <Tag color={COLOR[status]}>{t(`status.${status}`)}</Tag>;
}
