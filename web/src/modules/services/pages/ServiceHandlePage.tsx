import type { Service } from '@crm/contracts';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { feedback } from '../../../app/feedback.ts';
import { handleFormError } from '../../../app/forms.ts';
import { useHandleService } from '../api.ts';
import { ServiceFacts } from '../components/ServiceFacts.tsx';
import { WorkList } from '../components/WorkList.tsx';

/** 服务处理 (SPEC 5.3): the services assigned to me, each handled with a written account. */
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
      />
      <HandleDialog service={open} onClose={() => setOpen(undefined)} />
    </>
  );
}

function HandleDialog({ service, onClose }: { service?: Service; onClose: () => void }) {
  const { t } = useTranslation('services');
  const [form] = Form.useForm<{ handling: string }>();
  const handle = useHandleService();
  // a service sent back by a dissatisfied customer still carries that feedback (SPEC 5.4)
  const reopened = service?.satisfaction !== null && service?.satisfaction !== undefined;
  return (
    <Modal
      open={Boolean(service)}
      title={t('handle.dialogTitle', { number: service?.number })}
      okText={t('handle.submit')}
      cancelText={t('common:actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={handle.isPending}
      destroyOnHidden
      width={720}
      afterClose={() => form.resetFields()}
    >
      {service && <ServiceFacts service={service} brief />}
      {service && reopened && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          title={t('handle.reopened', { satisfaction: service.satisfaction, result: service.result })}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        style={{ marginTop: 16 }}
        onFinish={({ handling }) =>
          service &&
          handle.mutate(
            { id: service.id, handling },
            {
              onSuccess: () => (void feedback.message.success(t('handle.done')), onClose()),
              onError: (e) => handleFormError(form, e),
            },
          )
        }
      >
        <Form.Item
          name="handling"
          label={t('field.handling')}
          rules={[
            { required: true, whitespace: true, message: t('common:required', { field: t('field.handling') }) },
            { max: 4000 },
          ]}
        >
          <Input.TextArea autoFocus rows={5} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
