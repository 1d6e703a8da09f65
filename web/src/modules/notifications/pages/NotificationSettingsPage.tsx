import type { NotificationSettings } from '@crm/contracts';
import { notificationKinds } from '@crm/contracts/values';
import { Alert, Button, Card, Checkbox, Form, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { useFormSubmit } from '../../../app/components/useFormSubmit.ts';
import { showSuccess } from '../../../app/feedback.ts';
import { useNotificationSettings, useUpdateNotificationSettings } from '../api.ts';

type Fields = { email: NotificationSettings['email'] };

function SettingsForm({ settings }: { settings: NotificationSettings }) {
  const { t } = useTranslation('notifications');
  const [form] = Form.useForm<Fields>();
  const update = useUpdateNotificationSettings();
  const sender = useFormSubmit<Fields, NotificationSettings>(form, {
    initialValues: { email: settings.email },
    submit: (values) => update.mutateAsync({ email: values.email }),
    onSuccess: () => showSuccess('saved'),
  });
  return (
    <Form layout="vertical" name="notification-settings" {...sender.formProps}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph>{t('settings.intro')}</Typography.Paragraph>
        {!settings.mailEnabled && (
          <Alert type="info" showIcon title={t('settings.mailOff')} style={{ marginBottom: 12 }} />
        )}
        {settings.address ? (
          <Typography.Paragraph type="secondary">
            {t('settings.address', { address: settings.address })}
          </Typography.Paragraph>
        ) : (
          <Alert type="warning" showIcon title={t('settings.noAddress')} style={{ marginBottom: 12 }} />
        )}
        <Table
          rowKey={(k) => k}
          pagination={false}
          size="small"
          dataSource={[...notificationKinds]}
          columns={[
            { title: t('settings.kind'), render: (_: unknown, k) => t(`kind.${k}`) },
            {
              title: t('settings.email'),
              width: 80,
              align: 'center',
              render: (_: unknown, k) => (
                <Form.Item name={['email', k]} valuePropName="checked" noStyle>
                  <Checkbox aria-label={`${t(`kind.${k}`)} ${t('settings.email')}`} />
                </Form.Item>
              ),
            },
          ]}
        />
      </Card>
      <Button type="primary" htmlType="submit" {...sender.submitProps}>
        {t('settings.save')}
      </Button>
    </Form>
  );
}

/** 我的提醒设置 (docs/notifications.md#email): which kinds of my notifications also come by email. */
export function NotificationSettingsPage() {
  const { t } = useTranslation('notifications');
  const settings = useNotificationSettings();
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Loaded query={settings} rows={8}>
        {(s) => <SettingsForm key={JSON.stringify(s)} settings={s} />}
      </Loaded>
    </>
  );
}
