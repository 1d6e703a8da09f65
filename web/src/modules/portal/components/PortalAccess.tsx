import { GlobalOutlined, StopOutlined } from '@ant-design/icons';
import type { ContactPortalAccess, PortalInvitation } from '@crm/contracts';
import { Alert, Button, Modal, Popconfirm, QRCode, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showActionError, feedback } from '../../../app/feedback.ts';
import { invitePortalContact, revokePortalAccess } from '../api.ts';

const day = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
const expired = (access: ContactPortalAccess) =>
  access.status === 'invited' && access.expiresAt !== null && Date.parse(access.expiresAt) < Date.now();

/** A contact's portal access as a tag beside their name (docs/portal.md#accounts, rule 4); nothing without access. */
export function PortalAccessTag({ access }: { access: ContactPortalAccess | null | undefined }) {
  const { t } = useTranslation('portal');
  if (!access) return null;
  if (access.status === 'active')
    return (
      <Tag color="success" icon={<GlobalOutlined />} title={t('access.activeAs', { username: access.username })}>
        {t('access.active')}
      </Tag>
    );
  if (expired(access)) return <Tag>{t('access.expired')}</Tag>;
  return (
    <Tag color="processing" title={t('access.invitedUntil', { date: day(access.expiresAt!) })}>
      {t('access.invited')}
    </Tag>
  );
}

/**
 * The row actions of a contact for whoever may edit the customer: invite (or invite again while not accepted),
 * showing the one-time link to copy and as a QR code; revoke an accepted access after a confirmation.
 */
export function PortalAccessActions({
  customerId,
  contact,
}: {
  customerId: number;
  contact: { id: number; name: string; portalAccess: ContactPortalAccess | null };
}) {
  const { t } = useTranslation('portal');
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<PortalInvitation>();
  const invite = async () => {
    setBusy(true);
    try {
      setShown(await invitePortalContact(customerId, contact.id));
    } catch (e) {
      showActionError(e);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async () => {
    try {
      await revokePortalAccess(customerId, contact.id);
      void feedback.message.success(t('access.revoked'));
    } catch (e) {
      showActionError(e);
    }
  };
  const access = contact.portalAccess;
  return (
    <>
      {access?.status === 'active' ? (
        <Popconfirm
          title={t('access.confirmRevoke')}
          okText={t('access.revoke')}
          cancelText={t('common:actions.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={revoke}
        >
          <Button type="link" danger size="small" icon={<StopOutlined />}>
            {t('access.revoke')}
          </Button>
        </Popconfirm>
      ) : (
        <Button type="link" size="small" icon={<GlobalOutlined />} loading={busy} onClick={() => void invite()}>
          {access ? t('access.reinvite') : t('access.invite')}
        </Button>
      )}
      <Modal
        open={!!shown}
        title={t('access.linkTitle')}
        onCancel={() => setShown(undefined)}
        footer={<Button onClick={() => setShown(undefined)}>{t('access.close')}</Button>}
        destroyOnHidden
      >
        {shown && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>
              {t('access.linkIntro', { name: contact.name, date: day(shown.expiresAt) })}
            </Typography.Paragraph>
            <Typography.Paragraph
              copyable={{ text: shown.inviteUrl, tooltips: [t('access.copy'), t('common:done')] }}
              code
              style={{ wordBreak: 'break-all' }}
              data-testid="portal-invite-url"
            >
              {shown.inviteUrl}
            </Typography.Paragraph>
            <Space orientation="vertical" align="center" style={{ width: '100%' }}>
              <QRCode value={shown.inviteUrl} size={180} aria-label={t('access.qr')} />
              <Typography.Text type="secondary">{t('access.qr')}</Typography.Text>
            </Space>
            <Alert type="warning" showIcon title={t('access.linkOnce')} />
          </Space>
        )}
      </Modal>
    </>
  );
}
