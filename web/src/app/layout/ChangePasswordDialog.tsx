import { Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../api.ts';
import { feedback } from '../feedback.ts';
import { handleFormError } from '../forms.ts';

type Fields = { currentPassword: string; newPassword: string; confirmPassword: string };

/** POST /auth/password; the server ends the user's other sessions, this one stays. */
export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Fields>();
  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: Fields) =>
      apiPost('/auth/password', { currentPassword, newPassword }),
    onSuccess: () => {
      void feedback.message.success(t('user.passwordChanged'));
      onClose();
    },
    onError: (e) => handleFormError(form, e),
  });

  return (
    <Modal
      open={open}
      title={t('user.changePassword')}
      okText={t('actions.save')}
      cancelText={t('actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={change.isPending}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form<Fields> form={form} layout="vertical" onFinish={(v) => change.mutate(v)} preserve={false}>
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
        {/* Enter in a field submits the dialog */}
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
