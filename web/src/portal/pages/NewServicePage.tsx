import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormSubmit } from '../../app/components/useFormSubmit.ts';
import { feedback } from '../../app/feedback.ts';
import { fileService, useServiceTypes } from '../api.ts';
import { usePortalMe } from '../session.tsx';

type Values = { typeId: number; summary: string; request: string };

/** Filing a request: type, summary, details (docs/portal.md#requests, rule 2). */
export function NewServicePage() {
  const { t } = useTranslation('portal');
  const me = usePortalMe();
  const navigate = useNavigate();
  const types = useServiceTypes();
  const [form] = Form.useForm<Values>();
  const sender = useFormSubmit<Values, { id: number }>(form, {
    submit: (values) => fileService(values),
    onSuccess: (created) => {
      void feedback.message.success(t('create.done'));
      void navigate(`/portal/services/${created.id}`);
    },
  });
  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('common:required', { field: t(`create.${field}`) }),
  });
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
        {t('create.title')}
      </Typography.Title>
      {!me.canFile ? (
        <Alert type="warning" showIcon title={t('services.readOnly')} />
      ) : (
        <Form<Values> layout="vertical" name="portal-service" requiredMark={false} {...sender.formProps}>
          <Form.Item
            name="typeId"
            label={t('create.type')}
            rules={[{ required: true, message: t('common:required', { field: t('create.type') }) }]}
          >
            <Select
              loading={types.isPending}
              options={(types.data ?? []).map((e) => ({ value: e.id, label: e.item }))}
            />
          </Form.Item>
          <Form.Item name="summary" label={t('create.summary')} rules={[required('summary'), { max: 200 }]}>
            <Input placeholder={t('create.summaryPlaceholder')} maxLength={200} />
          </Form.Item>
          <Form.Item name="request" label={t('create.request')} rules={[required('request'), { max: 4000 }]}>
            <Input.TextArea rows={6} maxLength={4000} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit" block {...sender.submitProps}>
            {t('create.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
