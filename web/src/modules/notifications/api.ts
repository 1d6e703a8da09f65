import type { Notification, NotificationSettings, Page, UpdateNotificationSettingsBody } from '@crm/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { API_BASE, apiGet, apiPatch, apiPost, queryClient } from '../../app/api.ts';

/** TanStack Query hooks of my notifications (docs/notifications.md): paths and cache keys in one place. */
const LIST = '/notifications';
const COUNT = '/notifications/unread-count';
const SETTINGS = '/me/notification-settings';

const refresh = () => queryClient.invalidateQueries({ queryKey: [LIST] });

export const useUnreadCount = () =>
  useQuery({
    queryKey: [LIST, COUNT],
    queryFn: ({ signal }) => apiGet<{ count: number }>(COUNT, undefined, signal),
  });

export const useNotifications = (enabled: boolean) =>
  useQuery({
    queryKey: [LIST, 'latest'],
    queryFn: ({ signal }) => apiGet<Page<Notification>>(LIST, { pageSize: 30 }, signal),
    enabled,
  });

export const useMarkRead = () =>
  useMutation({ mutationFn: (id: number) => apiPost<void>(`${LIST}/${id}/read`), onSuccess: refresh });

export const useMarkAllRead = () =>
  useMutation({ mutationFn: () => apiPost<{ count: number }>(`${LIST}/read-all`), onSuccess: refresh });

export const useNotificationSettings = () =>
  useQuery({
    queryKey: [SETTINGS],
    queryFn: ({ signal }) => apiGet<NotificationSettings>(SETTINGS, undefined, signal),
  });

export const useUpdateNotificationSettings = () =>
  useMutation({
    mutationFn: (body: UpdateNotificationSettingsBody) => apiPatch<NotificationSettings>(SETTINGS, body),
    onSuccess: (saved) => queryClient.setQueryData([SETTINGS], saved),
  });

/**
 * The live stream (docs/notifications.md#delivery): while signed in, one EventSource; each new notification refreshes
 * the count and the list, and `onNotification` hears it. The browser reconnects by itself with `Last-Event-ID`; a
 * stream closed for good (the server refused it) is reopened after a while, and every (re)opening refreshes the
 * count, so that nothing announced meanwhile is missed.
 */
export function useNotificationStream(onNotification: (n: Notification) => void) {
  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      source = new EventSource(`${API_BASE}/notifications/stream`);
      source.addEventListener('open', () => void refresh());
      source.addEventListener('notification', (e) => {
        void refresh();
        try {
          onNotification(JSON.parse((e as MessageEvent<string>).data) as Notification);
        } catch {
          // a malformed event changes nothing but the refresh
        }
      });
      source.addEventListener('error', () => {
        if (source?.readyState === EventSource.CLOSED) retry = setTimeout(open, 15_000);
      });
    };
    open();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, [onNotification]);
}
