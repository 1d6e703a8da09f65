import type { Service } from '@crm/contracts';
import { Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { AssignServiceDialog } from '../components/AssignServiceDialog.tsx';
import { WorkList } from '../components/WorkList.tsx';

/** 服务分配 (docs/product.md#customer-service, rule 2): the new services, each assigned to one active manager. */
export function ServiceAssignPage() {
  const { t } = useTranslation('services');
  const [open, setOpen] = useState<Service>();
  return (
    <>
      <PageHeader title={t('assign.title')}>
        <Typography.Paragraph type="secondary">{t('assign.intro')}</Typography.Paragraph>
      </PageHeader>
      <WorkList
        fixed={{ status: 'new' }}
        actionLabel={t('assign.action')}
        onAction={setOpen}
        emptyText={t('assign.empty')}
      />
      <AssignServiceDialog service={open} onClose={() => setOpen(undefined)} />
    </>
  );
}
