import {
  BellOutlined,
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  SafetyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { showError } from '../feedback.ts';
import { useSession, useUser } from '../session.tsx';
import { ChangePasswordDialog } from './ChangePasswordDialog.tsx';

/** The signed-in user's menu in the header; `compact` (a phone) shows the avatar without the name. */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const user = useUser();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [changing, setChanging] = useState(false);

  const onClick = async ({ key }: { key: string }) => {
    if (key === 'password') setChanging(true);
    if (key === 'account') navigate('/account');
    if (key === 'notifications') void navigate('/me/notification-settings');
    if (key === 'signOut') {
      try {
        await signOut();
      } catch (e) {
        showError(e);
      }
      navigate('/login', { replace: true });
    }
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          onClick: (info) => void onClick(info),
          items: [
            { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword') },
            { key: 'account', icon: <SafetyOutlined />, label: t('user.account') },
            { key: 'notifications', icon: <BellOutlined />, label: t('notifications:settings.title') },
            { type: 'divider' },
            { key: 'signOut', icon: <LogoutOutlined />, label: t('user.signOut') },
          ],
        }}
      >
        <Button type="text" aria-label={`${t('user.menu')}: ${user.displayName}`} className="user-menu-button">
          <Avatar size="small" icon={<UserOutlined />} />
          {!compact && <span className="user-menu-name">{user.displayName}</span>}
          {!compact && <DownOutlined />}
        </Button>
      </Dropdown>
      <ChangePasswordDialog open={changing} onClose={() => setChanging(false)} />
    </>
  );
}
