import type { Customer, PoolCustomer } from '@crm/contracts';
import { Form, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api.ts';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { showError, showSuccess } from '../../../app/feedback.ts';
import { AssigneeSelect } from '../../access/components/AssigneeSelect.tsx';
import { useAssignPoolCustomer } from '../api.ts';

type Fields = { managerId: number };

/** 分配: a holder of pool.manage gives a pool customer to an active manager in their scope (rule 4); 「指派成功」. */
export function AssignPoolDialog({ customer, onClose }: { customer?: PoolCustomer; onClose: () => void }) {
  const { t } = useTranslation('pool');
  const assign = useAssignPoolCustomer();
  const onError = (form: FormInstance<Fields>, e: unknown) => {
    if (isApiError(e) && e.details.some((d) => d.path === 'managerId'))
      form.setFields([{ name: 'managerId', errors: [t('assign.invalid')] }]);
    showError(e);
  };
  return (
    <FormDialog<Fields, Customer>
      open={!!customer}
      name="pool-assign"
      title={customer ? `${t('assign.title')} · ${customer.name}` : t('assign.title')}
      okText={t('assign.submit')}
      onSubmit={({ managerId }, idempotencyKey) => assign.mutateAsync({ id: customer!.id, managerId, idempotencyKey })}
      onSaved={() => showSuccess('assigned')}
      onError={onError}
      onClose={onClose}
    >
      <Form.Item name="managerId" label={t('assign.manager')} rules={[{ required: true, message: t('assign.pick') }]}>
        <AssigneeSelect family="customers" autoFocus placeholder={t('assign.pick')} />
      </Form.Item>
    </FormDialog>
  );
}
