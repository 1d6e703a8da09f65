import { CheckCircleOutlined, StopOutlined } from '@ant-design/icons';
import type { Opportunity, OpportunityFailedAnswer } from '@crm/contracts';
import { OPPORTUNITY_LIMITS as L } from '@crm/contracts/values';
import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { feedback, showError, showSuccess } from '../../../app/feedback.ts';
import { useMarkFailed, useMarkSucceeded } from '../api.ts';

/**
 * 开发成功 after a confirmation, 终止开发 with the reason why (issue 14, item 10); 「操作成功」 (docs/product.md#development-plans,
 * rules 5 and 6). The server allows each once.
 */
export function ClosingActions({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation('opportunities');
  const succeed = useMarkSucceeded();
  const fail = useMarkFailed();
  const [failing, setFailing] = useState(false);
  const askSucceed = () =>
    feedback.modal.confirm({
      title: t('close.succeedTitle'),
      content: t('close.succeedText', { name: o.customerName, manager: o.assignee?.displayName ?? '' }),
      okText: t('close.succeed'),
      cancelText: t('common:actions.cancel'),
      onOk: () => succeed.mutateAsync(o.id).then(() => showSuccess('done'), showError),
    });
  return (
    <>
      <Space wrap>
        <Button type="primary" icon={<CheckCircleOutlined />} onClick={askSucceed} loading={succeed.isPending}>
          {t('close.succeed')}
        </Button>
        <Button danger icon={<StopOutlined />} onClick={() => setFailing(true)}>
          {t('close.fail')}
        </Button>
      </Space>
      <FormDialog<{ reason: string }, OpportunityFailedAnswer>
        open={failing}
        name="fail"
        title={t('close.failTitle')}
        intro={<Alert type="warning" showIcon title={t('close.failText')} style={{ marginBottom: 16 }} />}
        okText={t('close.fail')}
        okDanger
        onSubmit={({ reason }, idempotencyKey) => fail.mutateAsync({ id: o.id, reason, idempotencyKey })}
        onSaved={() => showSuccess('done')}
        onClose={() => setFailing(false)}
      >
        <Form.Item
          name="reason"
          label={t('close.failReason')}
          rules={[
            { required: true, whitespace: true, message: t('common:required', { field: t('close.failReason') }) },
            { max: L.failReason },
          ]}
        >
          <Input.TextArea rows={3} autoFocus placeholder={t('close.failReasonHint')} />
        </Form.Item>
      </FormDialog>
    </>
  );
}
