import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../app/components/LanguageSwitch.tsx';
import { errorText } from '../../app/feedback.ts';
import { signIn } from '../api.ts';
import { usePortalSession } from '../session.tsx';

type Values = { username: string; password: string };

/** Signing in to the portal (docs/portal.md#sessions, rule 1). */
export function SignInPage() {
  const { t } = useTranslation('portal');
  const { me, ended, signedIn } = usePortalSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (me) return <Navigate to="/portal" replace />;
  const submit = async (values: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      signedIn(await signIn(values));
      void navigate('/portal', { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="portal-sign-in">
      <Card>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
            <LanguageSwitch size="small" />
          </div>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
            {t('signIn.title')}
          </Typography.Title>
          {ended && !error && <Alert type="info" showIcon title={t('signIn.ended')} />}
          {error !== undefined && <Alert type="error" showIcon title={errorText(error)} role="alert" />}
          <Form<Values> layout="vertical" name="portal-sign-in" onFinish={(v) => void submit(v)} requiredMark={false}>
            <Form.Item
              name="username"
              label={t('signIn.username')}
              rules={[
                { required: true, whitespace: true, message: t('common:required', { field: t('signIn.username') }) },
              ]}
            >
              <Input autoComplete="username" autoCapitalize="none" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('signIn.password')}
              rules={[{ required: true, message: t('common:required', { field: t('signIn.password') }) }]}
            >
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('signIn.submit')}
            </Button>
          </Form>
          <Typography.Text type="secondary">{t('signIn.noAccount')}</Typography.Text>
        </Space>
      </Card>
    </main>
  );
}
