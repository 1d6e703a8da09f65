import type { User } from '@crm/contracts';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { feedback } from '../../../app/feedback.ts';
import { useUpdateUser } from '../api.ts';

/** An administrator sets a new password for a user (PATCH /users/:id {password}). */
export function ResetPasswordDialog({ user, onClose }: { user?: User; onClose: () => void }) {
  const { t } = useTranslation('access');
  const update = useUpdateUser();
  return (
    <FormDialog<{ password: string }, User>
      open={!!user}
      title={t('users.resetPasswordOf', { name: user?.displayName })}
      onSubmit={({ password }) => update.mutateAsync({ id: user!.id, password })}
      onSaved={() => void feedback.message.success(t('users.passwordReset'))}
      onClose={onClose}
    >
      <Form.Item
        name="password"
        label={t('users.newPassword')}
        rules={[
          { required: true, message: t('common:required', { field: t('users.newPassword') }) },
          { min: 8, message: t('users.passwordRule') },
          { max: 128 },
        ]}
      >
        <Input.Password autoFocus autoComplete="new-password" />
      </Form.Item>
    </FormDialog>
  );
}
