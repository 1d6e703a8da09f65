import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Layout, Menu, Spin } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { bindFeedback } from '../feedback.ts';
import { MENU_GROUPS } from '../module.ts';
import { modules } from '../modules.ts';
import { useCan } from '../session.tsx';
import { buildMenu, selectedKey } from './menu.tsx';
import { UserMenu } from './UserMenu.tsx';
import './layout.css';

const ALL_GROUPS = MENU_GROUPS.map((g) => `group:${g}`);

/** Hands antd's context-aware message/modal (locale, theme) to `showError` and friends. */
function FeedbackBinder() {
  // Bound during render (a plain assignment), so it is there before any effect or handler runs.
  bindFeedback(AntApp.useApp());
  return null;
}

/** The signed-in frame: the module menu (filtered by permission) on the left, header on top, the page in the middle. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const items = useMemo(() => buildMenu(modules, can, t), [can, t, i18n.language]);
  const selected = selectedKey(modules, location.pathname);

  return (
    <AntApp>
      <FeedbackBinder />
      <Layout className="app-layout">
        <Layout.Sider collapsible collapsed={collapsed} trigger={null} width={220} className="app-sider">
          <div className="app-logo">
            <img src="/favicon.svg" alt="" width={28} height={28} />
            {!collapsed && <span className="app-brand">{t('brand')}</span>}
          </div>
          <nav aria-label={t('appShort')}>
            <Menu
              theme="dark"
              mode="inline"
              items={items}
              selectedKeys={[selected]}
              defaultOpenKeys={ALL_GROUPS}
              onClick={({ key }) => navigate(key)}
            />
          </nav>
        </Layout.Sider>
        <Layout>
          <Layout.Header className="app-header">
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!collapsed)}
              aria-label={collapsed ? t('menu.expand') : t('menu.collapse')}
            />
            <div className="app-header-right">
              <LanguageSwitch size="small" />
              <UserMenu />
            </div>
          </Layout.Header>
          <Layout.Content className="app-content">
            <main>
              <Suspense
                fallback={
                  <div className="app-loading">
                    <Spin />
                  </div>
                }
              >
                <Outlet />
              </Suspense>
            </main>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}
