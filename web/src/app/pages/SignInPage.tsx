import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, isApiError } from '../api.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { errorText } from '../feedback.ts';
import { useSession } from '../session.tsx';

type Fields = { username: string; password: string };
type CodeFields = { code: string };

/** Where to go after signing in: the page that sent the user here, else the workbench. */
function nextPath(state: unknown): string {
  const from = (state as { from?: string } | null)?.from;
  return from && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const { user, ended, signIn, signInSecondStep } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  /** The second step (docs/sign-in.md#two-step-verification): a code of the app, or a recovery code. */
  const [step, setStep] = useState<'password' | 'code' | 'recovery'>('password');
  const [codeForm] = Form.useForm<CodeFields>();
  // docs/sign-in.md#single-sign-on: the button when configured; a failed sign-on comes back as `?sso=<code>`
  const [sso, setSso] = useState<boolean>();
  useEffect(() => {
    void api<{ enabled: boolean }>('/auth/sso', { quiet401: true })
      .then((answer) => setSso(answer.enabled))
      .catch(() => setSso(false));
  }, []);
  const ssoError = new URLSearchParams(location.search).get('sso');

  if (user) return <Navigate to={nextPath(location.state)} replace />;

  const submit = async ({ username, password }: Fields) => {
    setBusy(true);
    setError(undefined);
    try {
      if ((await signIn(username, password)) === 'twoFactor') {
        setStep('code');
        return;
      }
      navigate(nextPath(location.state), { replace: true });
    } catch (e) {
      // docs/product.md#access-control, rule 6: unknown user and wrong password get the same answer; many attempts get
      // 429
      if (isApiError(e) && e.code === 'INVALID_CREDENTIALS') setError(t('signIn.invalidCredentials'));
      // only with the right password: it reveals nothing about usernames that do not exist
      else if (isApiError(e) && e.code === 'ACCOUNT_DISABLED') setError(t('signIn.accountDisabled'));
      else if (isApiError(e) && e.code === 'RATE_LIMITED') setError(t('signIn.rateLimited'));
      else setError(errorText(e));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async ({ code }: CodeFields) => {
    setBusy(true);
    setError(undefined);
    try {
      await signInSecondStep(step === 'code' ? { code: code.trim() } : { recoveryCode: code.trim() });
      navigate(nextPath(location.state), { replace: true });
    } catch (e) {
      if (isApiError(e) && e.code === 'TWO_FACTOR_EXPIRED') {
        setStep('password');
        form.setFieldValue('password', '');
      }
      setError(isApiError(e) && e.code === 'RATE_LIMITED' ? t('signIn.rateLimited') : errorText(e));
      codeForm.setFieldValue('code', '');
    } finally {
      setBusy(false);
    }
  };

  const codeStep = (
    <Form<CodeFields> form={codeForm} layout="vertical" requiredMark={false} onFinish={submitCode}>
      <p className="sign-in-subtitle">{step === 'code' ? t('signIn.codeIntro') : t('signIn.recoveryIntro')}</p>
      <Form.Item
        name="code"
        label={step === 'code' ? t('signIn.code') : t('signIn.recoveryCode')}
        rules={[
          { required: true, whitespace: true, message: t('signIn.codeRequired') },
          step === 'code'
            ? { pattern: /^\s*[0-9]{6}\s*$/, message: t('signIn.codeSixDigits') }
            : { pattern: /^\s*[a-z0-9]{5}-?[a-z0-9]{5}\s*$/i, message: t('signIn.recoveryFormat') },
        ]}
      >
        <Input
          key={step}
          prefix={<SafetyOutlined />}
          autoFocus
          size="large"
          inputMode={step === 'code' ? 'numeric' : 'text'}
          autoComplete={step === 'code' ? 'one-time-code' : 'off'}
          maxLength={step === 'code' ? 6 : 11}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('signIn.verify')}
      </Button>
      <Button
        type="link"
        block
        onClick={() => {
          setError(undefined);
          codeForm.setFieldValue('code', '');
          setStep(step === 'code' ? 'recovery' : 'code');
        }}
      >
        {step === 'code' ? t('signIn.useRecoveryCode') : t('signIn.useAppCode')}
      </Button>
    </Form>
  );

  return (
    <div className="sign-in">
      <div className="sign-in-lang">
        <LanguageSwitch />
      </div>
      <main className="sign-in-main">
        <div className="sign-in-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <h1 className="sign-in-app">{t('appName')}</h1>
        </div>
        {/* plain elements, not Card/Typography: they would pull Tabs, Tooltip… into the sign-in page's code */}
        <section className="sign-in-card" aria-labelledby="sign-in-title">
          <h2 id="sign-in-title" className="sign-in-title">
            {t('signIn.title')}
          </h2>
          <p className="sign-in-subtitle">{t('signIn.subtitle')}</p>
          {ended === 'expired' && !error && (
            <Alert className="sign-in-alert" type="warning" showIcon title={t('sessionExpired')} />
          )}
          {ended === 'disabled' && !error && (
            <Alert className="sign-in-alert" type="error" showIcon title={t('signIn.accountDisabled')} role="alert" />
          )}
          {error && <Alert className="sign-in-alert" type="error" showIcon title={error} role="alert" />}
          {ssoError && !error && (
            <Alert
              className="sign-in-alert"
              type="error"
              showIcon
              role="alert"
              title={t(`errors.${ssoError}`, { defaultValue: t('errors.SSO_FAILED') })}
            />
          )}
          {step !== 'password' && codeStep}
          <Form<Fields>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            autoComplete="on"
            hidden={step !== 'password'}
          >
            <Form.Item
              name="username"
              label={t('signIn.username')}
              rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoFocus autoComplete="username" size="large" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('signIn.password')}
              rules={[{ required: true, message: t('signIn.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('signIn.submit')}
            </Button>
            {sso && (
              <Button block size="large" href="/api/v1/auth/oidc/start" className="sign-in-sso">
                {t('signIn.sso')}
              </Button>
            )}
          </Form>
        </section>
        <p className="sign-in-hint">{t('signIn.demoHint')}</p>
      </main>
    </div>
  );
}
