import type { Opportunity } from '@crm/contracts';
import { Form, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api.ts';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { showError, showSuccess } from '../../../app/feedback.ts';
import { AssigneeSelect, type AssignDialogProps } from '../../access/components/AssigneeSelect.tsx';
import { useAssignOpportunity } from '../api.ts';

type Fields = { assigneeId: number };

/**
 * 指派: a director picks exactly one active customer manager (docs/product.md#opportunities, rule 4); 「指派成功」.
 * `reassign`: 改派 an assigned opportunity to another active manager, e.g. when its manager has left.
 */
export function AssignDialog({
  opportunity,
  reassign = false,
  onClose,
}: AssignDialogProps & { opportunity?: Opportunity }) {
  const { t } = useTranslation('opportunities');
  const assign = useAssignOpportunity(reassign);
  const text = reassign ? 'reassign' : 'assign';
  const onError = (form: FormInstance<Fields>, e: unknown) => {
    if (isApiError(e) && e.details.some((d) => d.path === 'assigneeId'))
      form.setFields([{ name: 'assigneeId', errors: [t('assign.invalid')] }]);
    showError(e);
  };

  return (
    <FormDialog<Fields, Opportunity>
      open={!!opportunity}
      name={text}
      title={opportunity ? `${t(`${text}.title`)} · ${opportunity.customerName}` : t(`${text}.title`)}
      okText={t(`${text}.submit`)}
      onSubmit={({ assigneeId }, idempotencyKey) =>
        assign.mutateAsync({ id: opportunity!.id, assigneeId, idempotencyKey })
      }
      onSaved={() => showSuccess(reassign ? 'reassigned' : 'assigned')}
      onError={onError}
      onClose={onClose}
    >
      <Form.Item name="assigneeId" label={t('assign.assignee')} rules={[{ required: true, message: t('assign.pick') }]}>
        <AssigneeSelect
          family="opportunities"
          autoFocus
          placeholder={t('assign.pick')}
          except={reassign ? opportunity?.assignee?.id : undefined}
        />
      </Form.Item>
    </FormDialog>
  );
}
