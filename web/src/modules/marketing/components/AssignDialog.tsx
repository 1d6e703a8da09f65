import type { Opportunity } from '@crm/contracts';
import { Form, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api.ts';
import { showError, showSuccess } from '../../../app/feedback.ts';
import { useAssignees, useAssignOpportunity } from '../api.ts';

/** 指派: a director picks exactly one active customer manager (SPEC 3.1 rule 4); 「指派成功」. */
export function AssignDialog({ opportunity, onClose }: { opportunity?: Opportunity; onClose: () => void }) {
  const { t } = useTranslation('marketing');
  const [form] = Form.useForm<{ assigneeId: number }>();
  const assignees = useAssignees(!!opportunity);
  const assign = useAssignOpportunity();

  const submit = ({ assigneeId }: { assigneeId: number }) =>
    assign.mutate(
      { id: opportunity!.id, assigneeId },
      {
        onSuccess: () => (showSuccess('assigned'), onClose()),
        onError: (e) => {
          if (isApiError(e) && e.details.some((d) => d.path === 'assigneeId'))
            form.setFields([{ name: 'assigneeId', errors: [t('assign.invalid')] }]);
          showError(e);
        },
      },
    );

  return (
    <Modal
      open={!!opportunity}
      title={opportunity ? `${t('assign.title')} · ${opportunity.customerName}` : t('assign.title')}
      okText={t('assign.submit')}
      cancelText={t('common:actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={assign.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} name="assign">
        <Form.Item
          name="assigneeId"
          label={t('assign.assignee')}
          rules={[{ required: true, message: t('assign.pick') }]}
        >
          <Select
            autoFocus
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('assign.pick')}
            loading={assignees.isPending}
            options={(assignees.data ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
          />
        </Form.Item>
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
