import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { SessionsTab } from '../components/SessionsTab.tsx';
import { TokensTab } from '../components/TokensTab.tsx';
import { TwoFactorTab } from '../components/TwoFactorTab.tsx';

const TABS = ['twoFactor', 'tokens', 'sessions'] as const;

/** 账号安全: one's two-step verification, API tokens and sessions (docs/sign-in.md); the tab lives in the URL (`?tab=`). */
export function AccountPage() {
  const { t } = useTranslation('account');
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((k) => k === params.get('tab')) ?? TABS[0];
  return (
    <>
      <PageHeader title={t('title')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'twoFactor', label: t('tabs.twoFactor'), children: <TwoFactorTab /> },
          { key: 'tokens', label: t('tabs.tokens'), children: <TokensTab /> },
          { key: 'sessions', label: t('tabs.sessions'), children: <SessionsTab /> },
        ]}
      />
    </>
  );
}
