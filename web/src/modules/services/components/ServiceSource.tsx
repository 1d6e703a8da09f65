import type { Service } from '@crm/contracts';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** The 门户 / Portal tag of a service a customer filed in the portal (docs/portal.md#into-the-crm, rule 1). */
export function PortalSourceTag({ service }: { service: Pick<Service, 'source'> }) {
  const { t } = useTranslation('services');
  if (service.source !== 'portal') return null;
  return (
    <Tag color="processing" title={t('source.portalTitle')} data-testid="portal-source">
      {t('source.portal')}
    </Tag>
  );
}

/** Who created the service: the staff member, or the customer's contact in the portal. */
export const createdByText = (t: TFunction<'services'>, s: Pick<Service, 'createdBy' | 'requestedBy'>) =>
  s.createdBy?.displayName ?? (s.requestedBy ? t('source.portalBy', { name: s.requestedBy.name }) : '—');
