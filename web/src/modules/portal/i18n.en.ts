import type { Translation } from '../../app/module.ts';
import type { zh } from './i18n.zh.ts';

export const en: Translation<typeof zh> = {
  access: {
    active: 'Portal access',
    activeAs: 'Portal user: {{username}}',
    invited: 'Invited',
    invitedUntil: 'Invitation valid until {{date}}',
    expired: 'Invitation expired',
    invite: 'Invite to the portal',
    reinvite: 'Invite again',
    revoke: 'Revoke portal access',
    confirmRevoke: 'The contact will be signed out of the customer portal at once. Revoke the access?',
    revoked: 'Portal access revoked',
    linkTitle: 'Customer portal invitation',
    linkIntro:
      'Send this link to {{name}}: they open it, choose a username and password and can sign in to the customer portal. The link works once, until {{date}}.',
    linkOnce: 'The link is shown only now and cannot be shown again once closed (you can invite again).',
    qr: 'Scan with a phone to open',
    copy: 'Copy link',
    close: 'Close',
  },
};
