import type { User } from '@crm/contracts';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { feedback } from '../../../app/feedback.ts';
import { handleFormError } from '../../../app/forms.ts';
import { useUpdateUser } from '../api.ts';

/** An administrator sets a new password for a user (PATCH /users/:id {password}). */
export function ResetPasswordDialog({ user, onClose }: { user?: User; onClose: () => void }) {
  const { t } = useTranslation('access');
  const [form] = Form.useForm<{ password: string }>();
  const update = useUpdateUser();
  return (
    <Modal
      open={!!user}
      title={t('users.resetPasswordOf', { name: user?.displayName })}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={({ password }) =>
          user &&
          update.mutate(
            { id: user.id, password },
            {
              onSuccess: () => (void feedback.message.success(t('users.passwordReset')), onClose()),
              onError: (e) => handleFormError(form, e),
            },
          )
        }
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
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
