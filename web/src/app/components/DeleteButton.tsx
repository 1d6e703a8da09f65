import { DeleteOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showError, showSuccess } from '../feedback.ts';

/**
 * Delete with 「确认删除?」 first and 「删除成功」 after (docs/product.md#opportunities, rule 3). `onDelete` does the call; errors
 * (e.g. 409 IN_USE) are shown. `disabledReason` disables the button and says why on hover.
 */
export function DeleteButton({
  onDelete,
  disabledReason,
  label,
  size = 'small',
}: {
  onDelete: () => Promise<unknown>;
  disabledReason?: string;
  label?: string;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const text = label ?? t('actions.delete');
  const button = (
    <Button type="link" danger size={size} icon={<DeleteOutlined />} disabled={!!disabledReason} loading={busy}>
      {text}
    </Button>
  );
  if (disabledReason) return <Tooltip title={disabledReason}>{button}</Tooltip>;
  return (
    <Popconfirm
      title={t('confirmDelete')}
      okText={t('actions.delete')}
      cancelText={t('actions.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={async () => {
        setBusy(true);
        try {
          await onDelete();
          showSuccess('deleted');
        } catch (e) {
          showError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      {button}
    </Popconfirm>
  );
}
