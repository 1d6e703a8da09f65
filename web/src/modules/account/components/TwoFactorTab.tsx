import { CheckCircleOutlined, CopyOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Result, Space, Typography } from 'antd';
import QRCode from 'qrcode';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { useFormSubmit } from '../../../app/components/useFormSubmit.ts';
import { showActionError } from '../../../app/feedback.ts';
import { useUser } from '../../../app/session.tsx';
import { afterTwoFactorChange, disableTwoFactor, enableTwoFactor, setUpTwoFactor } from '../api.ts';

type Setup = { secret: string; otpauthUrl: string; qr: string };

/** The ten recovery codes, shown once after turning on, with a copy button; `onDone` when saved. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation('account');
  const [copied, setCopied] = useState(false);
  return (
    <Result
      status="success"
      title={t('twoFactor.enabled')}
      subTitle={t('twoFactor.recoveryIntro')}
      extra={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <pre className="recovery-codes" data-testid="recovery-codes">
            {codes.join('\n')}
          </pre>
          <Space wrap style={{ justifyContent: 'center' }}>
            <Button
              icon={<CopyOutlined />}
              onClick={() => void navigator.clipboard?.writeText(codes.join('\n')).then(() => setCopied(true))}
            >
              {copied ? t('tokens.copied') : t('tokens.copy')}
            </Button>
            <Button type="primary" onClick={onDone}>
              {t('tokens.done')}
            </Button>
          </Space>
        </Space>
      }
    />
  );
}

/** Step 2 of turning on: the QR code (and the secret to type in), and the first code of the app. */
function ConfirmSetup({ setup, onEnabled }: { setup: Setup; onEnabled: (codes: string[]) => void }) {
  const { t } = useTranslation('account');
  const [form] = Form.useForm<{ code: string }>();
  const sender = useFormSubmit<{ code: string }, { recoveryCodes: string[] }>(form, {
    submit: (v) => enableTwoFactor(v.code.trim()),
    onSuccess: (answer) => onEnabled(answer.recoveryCodes),
  });
  return (
    <div className="two-factor-setup">
      <Typography.Paragraph>{t('twoFactor.scan')}</Typography.Paragraph>
      <img src={setup.qr} alt={t('twoFactor.qrAlt')} width={200} height={200} className="two-factor-qr" />
      <Typography.Paragraph>
        {t('twoFactor.orType')}{' '}
        <Typography.Text code copyable data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
          {setup.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Form {...sender.formProps} layout="vertical" name="enable" requiredMark={false}>
        <Form.Item
          name="code"
          label={t('twoFactor.code')}
          rules={[
            { required: true, message: t('twoFactor.codeRequired') },
            { pattern: /^\s*[0-9]{6}\s*$/, message: t('twoFactor.sixDigits') },
          ]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ maxWidth: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" {...sender.submitProps}>
          {t('twoFactor.enable')}
        </Button>
      </Form>
    </div>
  );
}

/** 两步验证: its state; turning it on (QR code, a code, the recovery codes once); off with password and a code. */
export function TwoFactorTab() {
  const { t } = useTranslation('account');
  const user = useUser();
  const [setup, setSetup] = useState<Setup>();
  const [codes, setCodes] = useState<string[]>();
  const [busy, setBusy] = useState(false);
  const [disabling, setDisabling] = useState(false);

  const start = async () => {
    setBusy(true);
    try {
      const answer = await setUpTwoFactor();
      setSetup({ ...answer, qr: await QRCode.toDataURL(answer.otpauthUrl, { width: 200, margin: 1 }) });
    } catch (e) {
      showActionError(e);
    } finally {
      setBusy(false);
    }
  };

  if (codes)
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(undefined);
          setSetup(undefined);
          void afterTwoFactorChange();
        }}
      />
    );
  if (setup) return <ConfirmSetup setup={setup} onEnabled={setCodes} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('twoFactor.intro')}</Typography.Paragraph>
      {user.twoFactorEnabled ? (
        <Space orientation="vertical">
          <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('twoFactor.isOn')} />
          <Button danger onClick={() => setDisabling(true)}>
            {t('twoFactor.disable')}
          </Button>
        </Space>
      ) : (
        <Space orientation="vertical">
          {user.twoFactorSetupRequired && <Alert type="warning" showIcon title={t('twoFactor.required')} />}
          <Alert type="info" showIcon title={t('twoFactor.isOff')} />
          <Button type="primary" icon={<SafetyOutlined />} loading={busy} onClick={() => void start()}>
            {t('twoFactor.setUp')}
          </Button>
        </Space>
      )}
      <FormDialog<{ password: string; code: string }, unknown>
        open={disabling}
        name="disable"
        title={t('twoFactor.disable')}
        okText={t('twoFactor.disable')}
        okDanger
        onSubmit={(v) => disableTwoFactor({ password: v.password, code: v.code.trim() })}
        onSaved={() => undefined}
        onClose={() => setDisabling(false)}
      >
        <Form.Item
          name="password"
          label={t('twoFactor.password')}
          rules={[{ required: true, message: t('twoFactor.passwordRequired') }]}
        >
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('twoFactor.codeOrRecovery')}
          rules={[{ required: true, whitespace: true, message: t('twoFactor.codeRequired') }]}
        >
          <Input autoComplete="one-time-code" maxLength={11} />
        </Form.Item>
      </FormDialog>
    </>
  );
}
