import type { HandoverAnswer, User } from '@crm/contracts';
import { Button, Checkbox, Descriptions, Form, Modal, type FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api.ts';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { showActionError, showError, showSuccess } from '../../../app/feedback.ts';
import { useCan } from '../../../app/session.tsx';
import { useHandOver, useUpdateUser } from '../api.ts';
import { AssigneeSelect } from './AssigneeSelect.tsx';

type Fields = { toUserId: number; confirmed: boolean };
/** The user handed over: from the user administration page or the team page. */
type Leaver = Pick<User, 'id' | 'displayName' | 'active'>;
/** What a handover moves, in the order the counts show. */
export const HOLDINGS = ['customers', 'opportunities', 'services', 'churnWarnings'] as const;

/**
 * 离职交接 (docs/organisation.md#transfer-and-handover, rules 2 and 3): every customer, assigned opportunity,
 * assigned service and open churn warning of a leaving user goes to a successor, an active manager. The user ticks a
 * confirmation first; the result shows the counts moved and, to an administrator, offers to disable the user.
 */
export function HandoverDialog({ user, onClose }: { user?: Leaver; onClose: () => void }) {
  const { t } = useTranslation('access');
  const handOver = useHandOver();
  const update = useUpdateUser();
  const can = useCan();
  const [result, setResult] = useState<{ user: Leaver; counts: HandoverAnswer }>();
  const onError = (form: FormInstance<Fields>, e: unknown) => {
    if (isApiError(e) && e.details.some((d) => d.path === 'toUserId'))
      form.setFields([{ name: 'toUserId', errors: [t('handover.invalid')] }]);
    showError(e);
  };
  const disable = (u: Leaver) =>
    update.mutate(
      { id: u.id, active: false },
      { onSuccess: () => (showSuccess('done'), setResult(undefined)), onError: (e) => showActionError(e) },
    );

  return (
    <>
      <FormDialog<Fields, HandoverAnswer>
        open={!!user}
        name="handover"
        title={t('handover.title', { name: user?.displayName })}
        okText={t('handover.submit')}
        okDanger
        intro={<p>{t('handover.intro', { name: user?.displayName })}</p>}
        onSubmit={({ toUserId }, idempotencyKey) => handOver.mutateAsync({ id: user!.id, toUserId, idempotencyKey })}
        onSaved={(counts) => setResult({ user: user!, counts })}
        onError={onError}
        onClose={onClose}
      >
        <Form.Item
          name="toUserId"
          label={t('handover.successor')}
          rules={[{ required: true, message: t('handover.pick') }]}
        >
          <AssigneeSelect family="customers" autoFocus placeholder={t('handover.pick')} except={user?.id} />
        </Form.Item>
        <Form.Item
          name="confirmed"
          valuePropName="checked"
          rules={[
            {
              validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('handover.confirmRequired')))),
            },
          ]}
        >
          <Checkbox>{t('handover.confirm')}</Checkbox>
        </Form.Item>
      </FormDialog>
      <Modal
        open={!!result}
        title={t('handover.doneTitle')}
        onCancel={() => setResult(undefined)}
        footer={[
          result?.user.active && can('user.manage') && (
            <Button key="disable" danger loading={update.isPending} onClick={() => disable(result.user)}>
              {t('handover.disable', { name: result.user.displayName })}
            </Button>
          ),
          <Button key="close" type="primary" onClick={() => setResult(undefined)}>
            {t('common:actions.close')}
          </Button>,
        ]}
      >
        {result && (
          <Descriptions column={1} size="small" bordered data-testid="handover-counts">
            {HOLDINGS.map((k) => (
              <Descriptions.Item key={k} label={t(`handover.counts.${k}`)}>
                {result.counts[k]}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
      </Modal>
    </>
  );
}
