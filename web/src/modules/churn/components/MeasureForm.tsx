import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { feedback } from '../../../app/feedback.ts';
import { useFormSubmit } from '../../../app/components/useFormSubmit.ts';
import { useAppendMeasure } from '../api.ts';

/** 暂缓流失: the responsible manager appends a measure; every one is kept (docs/product.md#churn, rule 8). */
export function MeasureForm({ warningId }: { warningId: number }) {
  const { t } = useTranslation('churn');
  const [form] = Form.useForm<{ text: string }>();
  const append = useAppendMeasure(warningId);
  const sender = useFormSubmit<{ text: string }, unknown>(form, {
    submit: (values, idempotencyKey) => append.mutateAsync({ ...values, idempotencyKey }),
    onSuccess: () => {
      form.resetFields();
      void feedback.message.success(t('measure.added'));
    },
  });
  return (
    <Card size="small" title={t('measure.title')} style={{ marginBottom: 16 }}>
      <Form layout="vertical" name="churn-measure" {...sender.formProps}>
        <Form.Item
          name="text"
          label={t('measure.text')}
          rules={[{ required: true, whitespace: true, message: t('common:required', { field: t('measure.text') }) }]}
        >
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('measure.placeholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} {...sender.submitProps}>
          {t('measure.submit')}
        </Button>
      </Form>
    </Card>
  );
}
