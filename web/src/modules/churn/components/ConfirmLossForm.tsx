import { StopOutlined } from '@ant-design/icons';
import type { ChurnWarning } from '@crm/contracts';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../../app/components/useFormSubmit.ts';
import { feedback } from '../../../app/feedback.ts';
import { useConfirmChurn } from '../api.ts';

/**
 * 确认流失: a required reason, and a confirmation question first; only after at least one delay measure
 * (docs/product.md#churn, rule 9 — the server refuses it otherwise with 409 INVALID_STATE).
 */
export function ConfirmLossForm({ warningId, hasMeasures }: { warningId: number; hasMeasures: boolean }) {
  const { t } = useTranslation('churn');
  const [form] = Form.useForm<{ reason: string }>();
  const confirm = useConfirmChurn(warningId);
  const sender = useFormSubmit<{ reason: string }, ChurnWarning | null>(form, {
    // the question first; a "no" sends nothing (null)
    submit: (values, idempotencyKey) =>
      new Promise((resolve, reject) => {
        feedback.modal.confirm({
          title: t('confirm.title'),
          content: t('confirm.question'),
          okText: t('confirm.submit'),
          okButtonProps: { danger: true },
          cancelText: t('common:actions.cancel'),
          onOk: () => confirm.mutateAsync({ ...values, idempotencyKey }).then(resolve, reject),
          onCancel: () => resolve(null),
        });
      }),
    onSuccess: (confirmed) => {
      if (confirmed) void feedback.message.success(t('confirm.done'));
    },
  });
  return (
    <Card size="small" title={t('confirm.title')} style={{ marginBottom: 16 }}>
      {!hasMeasures && <Alert type="info" showIcon title={t('confirm.needMeasure')} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" name="churn-confirm" disabled={!hasMeasures} {...sender.formProps}>
        <Form.Item
          name="reason"
          label={t('confirm.reason')}
          rules={[{ required: true, whitespace: true, message: t('common:required', { field: t('confirm.reason') }) }]}
        >
          <Input.TextArea rows={2} maxLength={2000} placeholder={t('confirm.placeholder')} />
        </Form.Item>
        <Button danger htmlType="submit" icon={<StopOutlined />} {...sender.submitProps}>
          {t('confirm.submit')}
        </Button>
      </Form>
    </Card>
  );
}
