import type { SessionUser } from '@crm/contracts';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Button } from 'antd';
// the field components themselves: antd's `Input` brings TextArea, Search, OTP and Group along (about 13 KB gzipped)
import Input from 'antd/es/input/Input';
import Password from 'antd/es/input/Password';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useNavigation } from 'react-router';
import { api, isApiError } from '../api.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { errorText } from '../feedback.ts';
import { loadFirstPage } from '../first-page.ts';
import { useSession } from '../session.tsx';
import { SignInAlert, SignInField } from './SignInField.tsx';

type Field = 'username' | 'password' | 'code';

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
  // plain fields, not antd's Form: its validation machinery would be a third of the sign-in page's code
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  // after signing in, the signed-in app's code loads before the next page shows: the button stays busy meanwhile
  const leaving = useNavigation().state !== 'idle';
  const [submitting, setBusy] = useState(false);
  const busy = submitting || leaving;
  const [error, setError] = useState<string>();
  /** The second step (docs/sign-in.md#two-step-verification): a code of the app, or a recovery code. */
  const [step, setStep] = useState<'password' | 'code' | 'recovery'>('password');
  // docs/sign-in.md#single-sign-on: the button when configured; a failed sign-on comes back as `?sso=<code>`
  const [sso, setSso] = useState<boolean>();
  useEffect(() => {
    void api<{ enabled: boolean }>('/auth/sso', { quiet401: true })
      .then((answer) => setSso(answer.enabled))
      .catch(() => setSso(false));
  }, []);
  const ssoError = new URLSearchParams(location.search).get('sso');

  if (user) return <Navigate to={nextPath(location.state)} replace />;

  const setters: Record<Field, (value: string) => void> = {
    username: setUsername,
    password: setPassword,
    code: setCode,
  };
  /** Typing into a field clears its message; the next submit checks again. */
  const edit = (field: Field, value: string) => {
    setters[field](value);
    if (errors[field]) setErrors({ ...errors, [field]: undefined });
  };
  const invalid = (field: Field) =>
    errors[field] ? { status: 'error' as const, 'aria-invalid': true, 'aria-describedby': `${field}-error` } : {};
  /** The fields' rules, checked on submit: the message under each field that breaks one. */
  const check = (): Partial<Record<Field, string>> => {
    if (step === 'password')
      return {
        username: username.trim() ? undefined : t('signIn.usernameRequired'),
        password: password ? undefined : t('signIn.passwordRequired'),
      };
    if (!code.trim()) return { code: t('signIn.codeRequired') };
    if (step === 'code') return { code: /^\s*[0-9]{6}\s*$/.test(code) ? undefined : t('signIn.codeSixDigits') };
    return { code: /^\s*[a-z0-9]{5}-?[a-z0-9]{5}\s*$/i.test(code) ? undefined : t('signIn.recoveryFormat') };
  };
  const onSubmit = (send: () => Promise<void>) => (e: FormEvent) => {
    e.preventDefault();
    const found = check();
    setErrors(found);
    if (!Object.values(found).some(Boolean) && !busy) void send();
  };

  /** Signed in: to the page asked for, whose code and data are asked for at once, beside the signed-in app's code. */
  const leaveFor = (user: SessionUser) => {
    const next = nextPath(location.state);
    loadFirstPage(user, new URL(next, window.location.origin));
    navigate(next, { replace: true });
  };

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const user = await signIn(username, password);
      if (user === 'twoFactor') {
        setStep('code');
        return;
      }
      leaveFor(user);
    } catch (e) {
      // docs/product.md#access-control, rule 6: unknown user and wrong password get the same answer; many attempts get
      // 429
      if (isApiError(e) && e.code === 'INVALID_CREDENTIALS') setError(t('signIn.invalidCredentials'));
      // only with the right password: it reveals nothing about usernames that do not exist
      else if (isApiError(e) && e.code === 'ACCOUNT_DISABLED') setError(t('signIn.accountDisabled'));
      else if (isApiError(e) && e.code === 'RATE_LIMITED') setError(t('signIn.rateLimited'));
      else setError(errorText(e));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async () => {
    setBusy(true);
    setError(undefined);
    try {
      leaveFor(await signInSecondStep(step === 'code' ? { code: code.trim() } : { recoveryCode: code.trim() }));
    } catch (e) {
      if (isApiError(e) && e.code === 'TWO_FACTOR_EXPIRED') {
        setStep('password');
        setPassword('');
      }
      setError(isApiError(e) && e.code === 'RATE_LIMITED' ? t('signIn.rateLimited') : errorText(e));
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  const codeStep = (
    <form noValidate onSubmit={onSubmit(submitCode)}>
      <p className="sign-in-subtitle">{step === 'code' ? t('signIn.codeIntro') : t('signIn.recoveryIntro')}</p>
      <SignInField id="code" label={step === 'code' ? t('signIn.code') : t('signIn.recoveryCode')} error={errors.code}>
        <Input
          key={step}
          id="code"
          value={code}
          onChange={(e) => edit('code', e.target.value)}
          prefix={<SafetyOutlined />}
          autoFocus
          size="large"
          inputMode={step === 'code' ? 'numeric' : 'text'}
          autoComplete={step === 'code' ? 'one-time-code' : 'off'}
          maxLength={step === 'code' ? 6 : 11}
          {...invalid('code')}
        />
      </SignInField>
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('signIn.verify')}
      </Button>
      <Button
        type="link"
        block
        onClick={() => {
          setError(undefined);
          setCode('');
          setErrors({});
          setStep(step === 'code' ? 'recovery' : 'code');
        }}
      >
        {step === 'code' ? t('signIn.useRecoveryCode') : t('signIn.useAppCode')}
      </Button>
    </form>
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
          {ended === 'expired' && !error && <SignInAlert type="warning">{t('sessionExpired')}</SignInAlert>}
          {ended === 'disabled' && !error && <SignInAlert type="error">{t('signIn.accountDisabled')}</SignInAlert>}
          {error && <SignInAlert type="error">{error}</SignInAlert>}
          {ssoError && !error && (
            <SignInAlert type="error">{t(`errors.${ssoError}`, { defaultValue: t('errors.SSO_FAILED') })}</SignInAlert>
          )}
          {step !== 'password' && codeStep}
          <form noValidate onSubmit={onSubmit(submit)} autoComplete="on" hidden={step !== 'password'}>
            <SignInField id="username" label={t('signIn.username')} error={errors.username}>
              <Input
                id="username"
                value={username}
                onChange={(e) => edit('username', e.target.value)}
                prefix={<UserOutlined />}
                autoFocus
                autoComplete="username"
                size="large"
                {...invalid('username')}
              />
            </SignInField>
            <SignInField id="password" label={t('signIn.password')} error={errors.password}>
              <Password
                id="password"
                value={password}
                onChange={(e) => edit('password', e.target.value)}
                prefix={<LockOutlined />}
                autoComplete="current-password"
                size="large"
                {...invalid('password')}
              />
            </SignInField>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('signIn.submit')}
            </Button>
            {sso && (
              <Button block size="large" href="/api/v1/auth/oidc/start" className="sign-in-sso">
                {t('signIn.sso')}
              </Button>
            )}
          </form>
        </section>
        <p className="sign-in-hint">{t('signIn.demoHint')}</p>
      </main>
    </div>
  );
}
