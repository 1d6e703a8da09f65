import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { LanguageSwitch } from '../../app/components/LanguageSwitch.tsx';
import { errorText } from '../../app/feedback.ts';
import { handleFormError } from '../../app/forms.ts';
import { acceptInvitation } from '../api.ts';
import { usePortalSession } from '../session.tsx';

type Values = { username: string; password: string; confirm: string };

/**
 * Accepting an invitation (docs/portal.md#accounts, rule 2): the link's fragment holds the one-time token; the contact
 * chooses a username and password and is signed in.
 */
export function AcceptPage() {
  const { t } = useTranslation('portal');
  const { signedIn } = usePortalSession();
  const navigate = useNavigate();
  const token = useLocation().hash.replace(/^#/, '');
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ username, password }: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      signedIn(await acceptInvitation({ token, username, password }));
      void navigate('/portal', { replace: true });
    } catch (e) {
      if (isApiError(e) && e.code === 'CONFLICT') form.setFields([{ name: 'username', errors: [t('accept.taken')] }]);
      else if (isApiError(e) && e.code === 'VALIDATION_FAILED') handleFormError(form, e);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };
  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('common:required', { field: t(`accept.${field}`) }),
  });
  return (
    <main className="portal-sign-in">
      <Card>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
            <LanguageSwitch size="small" />
          </div>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t('accept.title')}
          </Typography.Title>
          {!token ? (
            <Alert type="warning" showIcon title={t('accept.noToken')} />
          ) : (
            <>
              <Typography.Paragraph>{t('accept.intro')}</Typography.Paragraph>
              {error !== undefined && <Alert type="error" showIcon title={errorText(error)} role="alert" />}
              <Form<Values>
                form={form}
                layout="vertical"
                name="portal-accept"
                requiredMark={false}
                onFinish={(v) => void submit(v)}
              >
                <Form.Item
                  name="username"
                  label={t('accept.username')}
                  extra={t('accept.usernameHelp')}
                  rules={[
                    required('username'),
                    { min: 2, max: 64, pattern: /^[A-Za-z0-9._-]+$/, message: t('accept.usernameHelp') },
                  ]}
                >
                  <Input autoComplete="username" autoCapitalize="none" autoFocus />
                </Form.Item>
                <Form.Item
                  name="password"
                  label={t('accept.password')}
                  extra={t('accept.passwordHelp')}
                  rules={[required('password'), { min: 8, max: 128, message: t('accept.passwordHelp') }]}
                >
                  <Input.Password autoComplete="new-password" />
                </Form.Item>
                <Form.Item
                  name="confirm"
                  label={t('accept.confirm')}
                  dependencies={['password']}
                  rules={[
                    required('confirm'),
                    ({ getFieldValue }) => ({
                      validator: (_, value) =>
                        !value || value === getFieldValue('password')
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('accept.mismatch'))),
                    }),
                  ]}
                >
                  <Input.Password autoComplete="new-password" />
                </Form.Item>
                <Button type="primary" htmlType="submit" block loading={busy}>
                  {t('accept.submit')}
                </Button>
              </Form>
            </>
          )}
        </Space>
      </Card>
    </main>
  );
}
