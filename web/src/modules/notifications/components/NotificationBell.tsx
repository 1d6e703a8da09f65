import { BellOutlined, SettingOutlined } from '@ant-design/icons';
import type { Notification } from '@crm/contracts';
import { Badge, Button, Drawer, Empty, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { feedback, showError } from '../../../app/feedback.ts';
import { useMarkAllRead, useMarkRead, useNotifications, useNotificationStream, useUnreadCount } from '../api.ts';
import { notificationLink, notificationText } from './notificationText.ts';
import './notifications.css';

dayjs.extend(relativeTime);

/**
 * The header's bell (docs/notifications.md#the-bell): the unread count, kept live by the notification stream, and a
 * drawer with the latest notifications — opening one marks it read and goes to its record.
 */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const count = useUnreadCount();
  const list = useNotifications(open);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  useNotificationStream(useCallback(() => {}, []));
  const unread = count.data?.count;

  const openOne = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id, { onError: showError });
    const link = notificationLink(n);
    if (link) {
      setOpen(false);
      void navigate(link);
    }
  };

  return (
    <>
      <Button
        type="text"
        className="notification-bell"
        aria-label={unread ? t('bell.labelCount', { count: unread }) : t('bell.label')}
        onClick={() => setOpen(true)}
        icon={
          <Badge count={unread ?? 0} size="small" overflowCount={99} data-testid="notification-count">
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="right"
        size={400}
        rootClassName="notification-drawer"
        title={t('bell.title')}
        extra={
          <Space size={4}>
            <Button
              size="small"
              disabled={!unread}
              loading={markAll.isPending}
              onClick={() =>
                markAll.mutate(undefined, {
                  onSuccess: (r) => void feedback.message.success(t('bell.readAllDone', { count: r.count })),
                  onError: showError,
                })
              }
            >
              {t('bell.readAll')}
            </Button>
            <Button
              size="small"
              icon={<SettingOutlined />}
              aria-label={t('bell.settings')}
              onClick={() => {
                setOpen(false);
                void navigate('/me/notification-settings');
              }}
            />
          </Space>
        }
      >
        {list.data === undefined ? (
          <Skeleton active paragraph={{ rows: 6 }} aria-busy />
        ) : (
          <div className="notification-list">
            {list.data.items.length === 0 && (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bell.empty')} />
            )}
            {list.data.items.map((n) => (
              <button
                type="button"
                key={n.id}
                className={n.readAt ? 'notification-item' : 'notification-item notification-unread'}
                onClick={() => openOne(n)}
              >
                <Space size={6}>
                  {!n.readAt && <Badge status="processing" />}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`kind.${n.kind}`)} · {dayjs(n.createdAt).fromNow()}
                  </Typography.Text>
                </Space>
                <Typography.Paragraph strong={!n.readAt} style={{ margin: 0 }}>
                  {notificationText(t, n)}
                </Typography.Paragraph>
              </button>
            ))}
          </div>
        )}
      </Drawer>
    </>
  );
}
