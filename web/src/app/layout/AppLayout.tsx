import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Drawer, Layout, Menu, Spin } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { NotificationBell } from '../../modules/notifications/components/NotificationBell.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useIsPhone } from '../components/useIsPhone.ts';
import { bindFeedback } from '../feedback.ts';
import { MENU_GROUPS } from '../module.ts';
import { GlobalSearch } from '../../modules/search/index.tsx';
import { modules } from '../modules.ts';
import { useCan } from '../session.tsx';
import { buildMenu, selectedKey } from './menu.tsx';
import { NavigationProgress } from './NavigationProgress.tsx';
import { useStoredFlag } from './useStoredFlag.ts';
import { UserMenu } from './UserMenu.tsx';
import './layout.css';

const ALL_GROUPS = MENU_GROUPS.map((g) => `group:${g}`);

/** Hands antd's context-aware message/modal (locale, theme) to `showError` and friends. */
function FeedbackBinder() {
  // Bound during render (a plain assignment), so it is there before any effect or handler runs.
  bindFeedback(AntApp.useApp());
  return null;
}

function Logo({ collapsed = false }: { collapsed?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="app-logo">
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {!collapsed && <span className="app-brand">{t('brand')}</span>}
    </div>
  );
}

/**
 * The signed-in frame: the module menu (filtered by permission), a header, the page. On a desktop the menu is a
 * sider whose collapsed state is remembered; below `md` (a phone) it is a drawer, closed until the header's button
 * opens it and closed again by the choice of a page, so that the page has the whole width.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const can = useCan();
  const location = useLocation();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const [collapsed, setCollapsed] = useStoredFlag('crm.menuCollapsed');
  const [drawerOpen, setDrawerOpen] = useState(false);
  // whatever took the user elsewhere (a link, back, a menu entry) closes the drawer: set while rendering the new
  // place, so that it never shows open over it (react.dev: "adjusting some state when a prop changes")
  const place = `${location.pathname} ${phone}`;
  const [drawerPlace, setDrawerPlace] = useState(place);
  if (drawerPlace !== place) {
    setDrawerPlace(place);
    setDrawerOpen(false);
  }
  // `t` is a new function after a change of language, which rebuilds the menu's labels
  const items = useMemo(() => buildMenu(modules, can, t), [can, t]);
  const selected = selectedKey(modules, location.pathname);

  const menu = (
    <nav aria-label={t('appShort')} className="app-nav">
      <Menu
        theme="dark"
        mode="inline"
        items={items}
        selectedKeys={[selected]}
        defaultOpenKeys={ALL_GROUPS}
        onClick={({ key }) => {
          setDrawerOpen(false);
          void navigate(key);
        }}
      />
    </nav>
  );

  return (
    <AntApp>
      <FeedbackBinder />
      <NavigationProgress />
      <Layout className="app-layout">
        {phone ? (
          <Drawer
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            placement="left"
            size={256}
            closable={false}
            // the brand names the drawer (a dialog) for screen readers
            title={<Logo />}
            className="app-drawer"
            styles={{ header: { padding: 0, borderBottom: 'none' }, body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider collapsible collapsed={collapsed} trigger={null} width={220} className="app-sider">
            <Logo collapsed={collapsed} />
            {menu}
          </Layout.Sider>
        )}
        <Layout>
          <Layout.Header className="app-header">
            {phone ? (
              <Button
                type="text"
                className="app-menu-button"
                icon={<MenuOutlined />}
                onClick={() => setDrawerOpen(true)}
                aria-label={t('menu.open')}
                aria-expanded={drawerOpen}
              />
            ) : (
              <Button
                type="text"
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                onClick={() => setCollapsed(!collapsed)}
                aria-label={collapsed ? t('menu.expand') : t('menu.collapse')}
              />
            )}
            <div className="app-header-right">
              <GlobalSearch />
              <NotificationBell />
              <LanguageSwitch size="small" />
              <UserMenu compact={phone} />
            </div>
          </Layout.Header>
          {/* antd's Content is the page's <main> */}
          <Layout.Content className="app-content">
            <Suspense
              fallback={
                <div className="app-loading">
                  <Spin />
                </div>
              }
            >
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntApp>
  );
}
