import { FileTextOutlined, LogoutOutlined, PlusOutlined, ShoppingOutlined } from '@ant-design/icons';
import { Button, Layout, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../app/components/LanguageSwitch.tsx';
import { usePortalSession } from './session.tsx';

const NAV = [
  { to: '/portal', key: 'services', icon: <FileTextOutlined /> },
  { to: '/portal/new', key: 'new', icon: <PlusOutlined /> },
  { to: '/portal/orders', key: 'orders', icon: <ShoppingOutlined /> },
] as const;

/** Which navigation entry a path belongs to: a request's page to the list, an order's to the orders. */
const current = (path: string) =>
  path.startsWith('/portal/orders') ? 'orders' : path === '/portal/new' ? 'new' : 'services';

/**
 * The signed-in portal's frame, phones first: the company and sign-out on top, the three places as tabs below it,
 * the page in one column at most 760 px wide.
 */
export function PortalLayout() {
  const { t } = useTranslation('portal');
  const { me, signOut } = usePortalSession();
  const location = useLocation();
  if (me === undefined)
    return (
      <div className="portal-boot" aria-busy="true">
        <Spin />
      </div>
    );
  if (me === null) return <Navigate to="/portal/sign-in" replace />;
  const here = current(location.pathname);
  return (
    <Layout className="portal">
      <header className="portal-header">
        <div className="portal-company">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <div>
            <div className="portal-company-name">{me.customer.name}</div>
            <div className="portal-contact">{me.contact.name}</div>
          </div>
        </div>
        <div className="portal-header-actions">
          <LanguageSwitch size="small" />
          <Button size="small" icon={<LogoutOutlined />} onClick={() => void signOut()}>
            {t('layout.signOut')}
          </Button>
        </div>
      </header>
      <nav className="portal-nav" aria-label={t('appName')}>
        {NAV.map((n) => (
          <Link
            key={n.key}
            to={n.to}
            className={n.key === here ? 'portal-nav-item active' : 'portal-nav-item'}
            aria-current={n.key === here ? 'page' : undefined}
          >
            {n.icon}
            <span>{t(`nav.${n.key}`)}</span>
          </Link>
        ))}
      </nav>
      <main className="portal-main">
        <Outlet />
      </main>
    </Layout>
  );
}
