import { LogoutOutlined } from '@ant-design/icons';
import type { Customer } from '@crm/contracts';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { feedback } from '../../../app/feedback.ts';
import { useRelease } from '../api.ts';

/**
 * 释放到公海 (docs/organisation.md#customer-pool, rule 4): the dialog asks the question and a reason, and only its
 * danger button releases.
 */
export function ReleaseButton({ customer }: { customer: Customer }) {
  const { t } = useTranslation('pool');
  const [open, setOpen] = useState(false);
  const release = useRelease(customer.id);
  return (
    <>
      <Button danger icon={<LogoutOutlined />} onClick={() => setOpen(true)}>
        {t('release.button')}
      </Button>
      <FormDialog<{ reason: string }, Customer>
        open={open}
        name="pool-release"
        title={`${t('release.title')} · ${customer.name}`}
        okText={t('release.submit')}
        okDanger
        intro={<Alert type="warning" showIcon title={t('release.question')} style={{ marginBottom: 16 }} />}
        onSubmit={({ reason }, idempotencyKey) => release.mutateAsync({ reason, idempotencyKey })}
        onSaved={() => void feedback.message.success(t('release.done'))}
        onClose={() => setOpen(false)}
      >
        <Form.Item
          name="reason"
          label={t('release.reason')}
          rules={[{ required: true, whitespace: true, message: t('common:required', { field: t('release.reason') }) }]}
        >
          <Input.TextArea autoFocus rows={3} maxLength={500} placeholder={t('release.placeholder')} />
        </Form.Item>
      </FormDialog>
    </>
  );
}
