import { Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../api.ts';
import { FormDialog } from '../components/FormDialog.tsx';
import { feedback } from '../feedback.ts';

type Fields = { currentPassword: string; newPassword: string; confirmPassword: string };

/** POST /auth/password; the server ends the user's other sessions, this one stays. */
export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: Fields) =>
      apiPost('/auth/password', { currentPassword, newPassword }),
  });

  return (
    <FormDialog<Fields, unknown>
      open={open}
      title={t('user.changePassword')}
      onSubmit={(v) => change.mutateAsync(v)}
      onSaved={() => void feedback.message.success(t('user.passwordChanged'))}
      onClose={onClose}
    >
      <Form.Item
        name="currentPassword"
        label={t('user.currentPassword')}
        rules={[{ required: true, message: t('required', { field: t('user.currentPassword') }) }]}
      >
        <Input.Password autoFocus autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('user.newPassword')}
        rules={[
          { required: true, message: t('required', { field: t('user.newPassword') }) },
          { min: 8, message: t('user.passwordTooShort') },
          { max: 128 },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('user.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('required', { field: t('user.confirmPassword') }) },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('user.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormDialog>
  );
}
