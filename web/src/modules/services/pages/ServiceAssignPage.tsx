import type { Service, ServiceDetail } from '@crm/contracts';
import { Form, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { showSuccess } from '../../../app/feedback.ts';
import { useAssignees, useAssignService } from '../api.ts';
import { handleServiceFormError } from '../components/formErrors.ts';
import { ServiceFacts } from '../components/ServiceFacts.tsx';
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
      <AssignDialog service={open} onClose={() => setOpen(undefined)} />
    </>
  );
}

function AssignDialog({ service, onClose }: { service?: Service; onClose: () => void }) {
  const { t } = useTranslation('services');
  const assignees = useAssignees(Boolean(service));
  const assign = useAssignService();
  return (
    <FormDialog<{ assigneeId: number }, ServiceDetail>
      open={Boolean(service)}
      title={t('assign.dialogTitle', { number: service?.number })}
      okText={t('assign.action')}
      width={720}
      intro={service && <ServiceFacts service={service} brief />}
      onSubmit={({ assigneeId }, idempotencyKey) => assign.mutateAsync({ id: service!.id, assigneeId, idempotencyKey })}
      onSaved={() => showSuccess('assigned')}
      onError={(form, e) => handleServiceFormError(form, e, t)}
      onClose={onClose}
    >
      <Form.Item
        name="assigneeId"
        label={t('assign.assignee')}
        rules={[{ required: true, message: t('errors.assigneeId') }]}
        style={{ marginTop: 16 }}
      >
        <Select
          autoFocus
          showSearch={{ optionFilterProp: 'label' }}
          loading={assignees.isPending}
          options={(assignees.data ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
        />
      </Form.Item>
    </FormDialog>
  );
}
