import type { Service, ServiceDetail } from '@crm/contracts';
import { Alert, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { feedback } from '../../../app/feedback.ts';
import { useHandleService } from '../api.ts';
import { ServiceFacts } from '../components/ServiceFacts.tsx';
import { WorkList } from '../components/WorkList.tsx';

/**
 * 服务处理 (docs/product.md#customer-service, rule 3): the services assigned to me, each handled with a written account.
 */
export function ServiceHandlePage() {
  const { t } = useTranslation('services');
  const [open, setOpen] = useState<Service>();
  return (
    <>
      <PageHeader title={t('handle.title')}>
        <Typography.Paragraph type="secondary">{t('handle.intro')}</Typography.Paragraph>
      </PageHeader>
      <WorkList
        fixed={{ status: 'assigned', assignee: 'me' }}
        actionLabel={t('handle.action')}
        onAction={setOpen}
        emptyText={t('handle.empty')}
        showAssignedAt
      />
      <HandleDialog service={open} onClose={() => setOpen(undefined)} />
    </>
  );
}

function HandleDialog({ service, onClose }: { service?: Service; onClose: () => void }) {
  const { t } = useTranslation('services');
  const handle = useHandleService();
  // a service sent back by a dissatisfied customer still carries that feedback (docs/product.md#customer-service, rule
  // 4)
  const reopened = service?.satisfaction !== null && service?.satisfaction !== undefined;
  return (
    <FormDialog<{ handling: string }, ServiceDetail>
      open={Boolean(service)}
      title={t('handle.dialogTitle', { number: service?.number })}
      okText={t('handle.submit')}
      width={720}
      intro={
        service && (
          <>
            <ServiceFacts service={service} brief />
            {reopened && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 16 }}
                title={t('handle.reopened', { satisfaction: service.satisfaction, result: service.result })}
              />
            )}
          </>
        )
      }
      onSubmit={({ handling }, idempotencyKey) => handle.mutateAsync({ id: service!.id, handling, idempotencyKey })}
      onSaved={() => void feedback.message.success(t('handle.done'))}
      onClose={onClose}
    >
      <Form.Item
        name="handling"
        label={t('field.handling')}
        style={{ marginTop: 16 }}
        rules={[
          { required: true, whitespace: true, message: t('common:required', { field: t('field.handling') }) },
          { max: 4000 },
        ]}
      >
        <Input.TextArea autoFocus rows={5} maxLength={4000} />
      </Form.Item>
    </FormDialog>
  );
}
