import type { Service } from '@crm/contracts';
import { Form, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { showSuccess } from '../../../app/feedback.ts';
import { useAssignees, useAssignService } from '../api.ts';
import { handleServiceFormError } from '../components/formErrors.ts';
import { ServiceFacts } from '../components/ServiceFacts.tsx';
import { WorkList } from '../components/WorkList.tsx';

/** 服务分配 (SPEC 5.2): the new services, each assigned to one active manager. */
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
      <AssignDialog service={open} onClose={() => setOpen(undefined)} />
    </>
  );
}

function AssignDialog({ service, onClose }: { service?: Service; onClose: () => void }) {
  const { t } = useTranslation('services');
  const [form] = Form.useForm<{ assigneeId: number }>();
  const assignees = useAssignees(Boolean(service));
  const assign = useAssignService();
  return (
    <Modal
      open={Boolean(service)}
      title={t('assign.dialogTitle', { number: service?.number })}
      okText={t('assign.action')}
      cancelText={t('common:actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={assign.isPending}
      destroyOnHidden
      width={720}
      afterClose={() => form.resetFields()}
    >
      {service && <ServiceFacts service={service} brief />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        style={{ marginTop: 16 }}
        onFinish={({ assigneeId }) =>
          service &&
          assign.mutate(
            { id: service.id, assigneeId },
            {
              onSuccess: () => (showSuccess('assigned'), onClose()),
              onError: (e) => handleServiceFormError(form, e, t),
            },
          )
        }
      >
        <Form.Item
          name="assigneeId"
          label={t('assign.assignee')}
          rules={[{ required: true, message: t('errors.assigneeId') }]}
        >
          <Select
            autoFocus
            showSearch={{ optionFilterProp: 'label' }}
            loading={assignees.isPending}
            options={(assignees.data ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
          />
        </Form.Item>
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
