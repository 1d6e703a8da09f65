import { Form, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api.ts';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { feedback, showError } from '../../../app/feedback.ts';
import { AssigneeSelect } from '../../access/components/AssigneeSelect.tsx';
import { useTransferCustomers } from '../api.ts';

type Fields = { toManagerId: number };

/**
 * 转移客户 (docs/organisation.md#transfer-and-handover, rule 1): a director gives the chosen customers to another
 * active manager; their open churn warnings follow. Says how many moved (those the manager already had do not count).
 */
export function TransferDialog({
  customerIds,
  open,
  onDone,
  onClose,
}: {
  customerIds: number[];
  open: boolean;
  onDone: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('customers');
  const transfer = useTransferCustomers();
  const onError = (form: FormInstance<Fields>, e: unknown) => {
    if (isApiError(e) && e.details.some((d) => d.path === 'toManagerId'))
      form.setFields([{ name: 'toManagerId', errors: [t('transfer.invalid')] }]);
    showError(e);
  };
  return (
    <FormDialog<Fields, { transferred: number }>
      open={open}
      name="transfer"
      title={t('transfer.title')}
      okText={t('transfer.submit')}
      intro={<p>{t('transfer.intro', { count: customerIds.length })}</p>}
      onSubmit={({ toManagerId }, idempotencyKey) => transfer.mutateAsync({ customerIds, toManagerId, idempotencyKey })}
      onSaved={({ transferred }) => {
        void feedback.message.success(t('transfer.done', { count: transferred }));
        onDone();
      }}
      onError={onError}
      onClose={onClose}
    >
      <Form.Item name="toManagerId" label={t('transfer.to')} rules={[{ required: true, message: t('transfer.pick') }]}>
        <AssigneeSelect family="customers" autoFocus placeholder={t('transfer.pick')} />
      </Form.Item>
    </FormDialog>
  );
}
