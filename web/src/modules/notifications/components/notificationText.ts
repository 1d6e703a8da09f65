import type { Notification } from '@crm/contracts';
import type { TFunction } from 'i18next';

/** What a notification says, in the reader's language, from its kind and params (docs/notifications.md#kinds). */
export function notificationText(t: TFunction, n: Notification): string {
  const p = n.params as Record<string, string | number | boolean | null | undefined>;
  const key = (() => {
    if (n.kind === 'customer.transferred') {
      if (p.fromPool) return 'customer.fromPool';
      if (p.handover) return 'customer.transferredHandover';
      return Number(p.count) > 1 ? 'customer.transferredMany' : 'customer.transferred';
    }
    if ((n.kind === 'opportunity.assigned' || n.kind === 'service.assigned') && p.handover) return `${n.kind}Many`;
    if (n.kind === 'churn.warning' && !p.lastOrderDate) return 'churn.warningNever';
    return n.kind;
  })();
  return t(`notifications:text.${key}`, p as Record<string, unknown>);
}

/** The page a notification opens, if any. */
export function notificationLink(n: Notification): string | undefined {
  if (!n.ref) return undefined;
  switch (n.ref.type) {
    case 'customer':
      return `/customers/${n.ref.id}`;
    case 'opportunity':
      return `/opportunities/${n.ref.id}`;
    case 'service':
      return `/services/${n.ref.id}`;
    case 'churnWarning':
      return `/churn-warnings/${n.ref.id}`;
    default:
      return undefined;
  }
}
