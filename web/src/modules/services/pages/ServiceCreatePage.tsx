import type { CreateServiceBody, ServiceDetail } from '@crm/contracts';
import { Button, Card, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { useFormSubmit } from '../../../app/components/useFormSubmit.ts';
import { feedback } from '../../../app/feedback.ts';
import { useDictionaryEntries } from '../../dictionary/api.ts';
import { useCreateService } from '../api.ts';
import { CustomerSelect } from '../components/CustomerSelect.tsx';
import { handleServiceFormError } from '../components/formErrors.ts';

/**
 * 服务创建 (docs/product.md#customer-service, rule 1): after 「保存成功」 the form is empty again, ready for the next request.
 */
export function ServiceCreatePage() {
  const { t } = useTranslation('services');
  const [form] = Form.useForm<CreateServiceBody>();
  const types = useDictionaryEntries('serviceType');
  const create = useCreateService();
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common:required', { field }) }];

  const sender = useFormSubmit<CreateServiceBody, ServiceDetail>(form, {
    submit: (values, idempotencyKey) => create.mutateAsync({ ...values, idempotencyKey }),
    onSuccess: (s) => {
      form.resetFields();
      void feedback.message.success({
        content: (
          <span>
            {t('common:saved')} · <Link to={`/services/${s.id}`}>{t('create.created', { number: s.number })}</Link>
          </span>
        ),
      });
      form.focusField('typeId');
    },
    onError: (f, error) => handleServiceFormError(f, error, t),
  });

  return (
    <>
      <PageHeader title={t('create.title')}>
        <Typography.Paragraph type="secondary">{t('create.intro')}</Typography.Paragraph>
      </PageHeader>
      <Card style={{ maxWidth: 760 }}>
        <Form<CreateServiceBody> layout="vertical" {...sender.formProps}>
          <Form.Item name="typeId" label={t('field.type')} rules={[{ required: true, message: t('errors.typeId') }]}>
            <Select
              autoFocus
              loading={types.isPending}
              options={(types.data ?? []).map((e) => ({ value: e.id, label: e.item }))}
              style={{ maxWidth: 240 }}
            />
          </Form.Item>
          <Form.Item
            name="customerId"
            label={t('field.customer')}
            rules={[{ required: true, message: t('errors.customerId') }]}
          >
            <CustomerSelect />
          </Form.Item>
          <Form.Item name="summary" label={t('field.summary')} rules={[...required(t('field.summary')), { max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="request" label={t('field.request')} rules={[...required(t('field.request')), { max: 4000 }]}>
            <Input.TextArea rows={5} maxLength={4000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" {...sender.submitProps}>
            {t('create.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
