import type { Opportunity } from '@crm/contracts';
import { Form, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api.ts';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { showError, showSuccess } from '../../../app/feedback.ts';
import { useAssignees, useAssignOpportunity } from '../api.ts';

type Fields = { assigneeId: number };

/** 指派: a director picks exactly one active customer manager (docs/product.md#opportunities, rule 4); 「指派成功」. */
export function AssignDialog({ opportunity, onClose }: { opportunity?: Opportunity; onClose: () => void }) {
  const { t } = useTranslation('opportunities');
  const assignees = useAssignees(!!opportunity);
  const assign = useAssignOpportunity();
  const onError = (form: FormInstance<Fields>, e: unknown) => {
    if (isApiError(e) && e.details.some((d) => d.path === 'assigneeId'))
      form.setFields([{ name: 'assigneeId', errors: [t('assign.invalid')] }]);
    showError(e);
  };

  return (
    <FormDialog<Fields, Opportunity>
      open={!!opportunity}
      name="assign"
      title={opportunity ? `${t('assign.title')} · ${opportunity.customerName}` : t('assign.title')}
      okText={t('assign.submit')}
      onSubmit={({ assigneeId }, idempotencyKey) =>
        assign.mutateAsync({ id: opportunity!.id, assigneeId, idempotencyKey })
      }
      onSaved={() => showSuccess('assigned')}
      onError={onError}
      onClose={onClose}
    >
      <Form.Item name="assigneeId" label={t('assign.assignee')} rules={[{ required: true, message: t('assign.pick') }]}>
        <Select
          autoFocus
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('assign.pick')}
          loading={assignees.isPending}
          options={(assignees.data ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
        />
      </Form.Item>
    </FormDialog>
  );
}
