import { Button, Popconfirm } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { feedback, showActionError } from '../../../app/feedback.ts';

/** A destructive action of this module (revoke, end a session): asks first, is busy while it runs, says when done. */
export function ConfirmAction({
  label,
  confirm,
  done,
  run,
  icon,
  type = 'link',
}: {
  label: string;
  confirm: string;
  done: string;
  run: () => Promise<unknown>;
  icon?: ReactNode;
  type?: 'link' | 'default';
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Popconfirm
      title={confirm}
      okText={t('actions.confirm')}
      cancelText={t('actions.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={async () => {
        setBusy(true);
        try {
          await run();
          void feedback.message.success(done);
        } catch (e) {
          showActionError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button type={type} size={type === 'link' ? 'small' : 'middle'} danger icon={icon} loading={busy}>
        {label}
      </Button>
    </Popconfirm>
  );
}
