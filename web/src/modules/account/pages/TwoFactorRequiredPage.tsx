import { LogoutOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LanguageSwitch } from '../../../app/components/LanguageSwitch.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { useSession } from '../../../app/session.tsx';
import { TwoFactorTab } from '../components/TwoFactorTab.tsx';

/**
 * What a user whose role requires two-step verification sees until it is on (docs/sign-in.md#two-step-verification,
 * rule 5): the setup alone, and a way out — the server refuses everything else (403 `TWO_FACTOR_REQUIRED`).
 */
export function TwoFactorRequiredPage() {
  const { t } = useTranslation('account');
  const { signOut } = useSession();
  const navigate = useNavigate();
  return (
    <main className="two-factor-required">
      <PageHeader
        title={t('twoFactor.forcedTitle')}
        extra={
          <>
            <LanguageSwitch />
            <Button
              icon={<LogoutOutlined />}
              onClick={() => void signOut().finally(() => navigate('/login', { replace: true }))}
            >
              {t('twoFactor.signOut')}
            </Button>
          </>
        }
      />
      <TwoFactorTab />
    </main>
  );
}
