import type { Service, ServiceDetail } from '@crm/contracts';
import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { showSuccess } from '../../../app/feedback.ts';
import { AssigneeSelect, type AssignDialogProps } from '../../access/components/AssigneeSelect.tsx';
import { useAssignService } from '../api.ts';
import { handleServiceFormError } from './formErrors.ts';
import { ServiceFacts } from './ServiceFacts.tsx';

/**
 * 分配: a director gives a new service to one active manager (docs/product.md#customer-service, rule 2).
 * `reassign`: 改派 an assigned service to another active manager, e.g. when its manager has left.
 */
export function AssignServiceDialog({ service, reassign = false, onClose }: AssignDialogProps & { service?: Service }) {
  const { t } = useTranslation('services');
  const assign = useAssignService(reassign);
  const text = reassign ? 'reassign' : 'assign';
  return (
    <FormDialog<{ assigneeId: number }, ServiceDetail>
      open={Boolean(service)}
      title={t(`${text}.dialogTitle`, { number: service?.number })}
      okText={t(`${text}.action`)}
      width={720}
      intro={service && <ServiceFacts service={service} brief />}
      onSubmit={({ assigneeId }, idempotencyKey) => assign.mutateAsync({ id: service!.id, assigneeId, idempotencyKey })}
      onSaved={() => showSuccess(reassign ? 'reassigned' : 'assigned')}
      onError={(form, e) => handleServiceFormError(form, e, t)}
      onClose={onClose}
    >
      <Form.Item
        name="assigneeId"
        label={t('assign.assignee')}
        rules={[{ required: true, message: t('errors.assigneeId') }]}
        style={{ marginTop: 16 }}
      >
        <AssigneeSelect family="services" autoFocus except={reassign ? service?.assignee?.id : undefined} />
      </Form.Item>
    </FormDialog>
  );
}
