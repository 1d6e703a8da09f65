import type { Webhook, WebhookEvent, WebhookFormat } from '@crm/contracts';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS } from '@crm/contracts/values';
import { Checkbox, Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { useCreateWebhook, useUpdateWebhook } from '../api.ts';

type Fields = {
  name: string;
  url: string;
  events: WebhookEvent[];
  format: WebhookFormat;
  secret?: string;
  removeSecret?: boolean;
  active: boolean;
};

/**
 * New receiver, or (given `webhook`) its edit (docs/webhooks.md#receivers): the secret is never shown — left empty it
 * stays as it is, 「删除已设置的密钥」 removes it; a WeCom robot takes none.
 */
export function WebhookFormDialog({
  open,
  webhook,
  onClose,
}: {
  open: boolean;
  webhook?: Webhook;
  onClose: () => void;
}) {
  const { t } = useTranslation('webhooks');
  const create = useCreateWebhook();
  const update = useUpdateWebhook();

  const submit = (v: Fields, idempotencyKey: string) => {
    const base = { name: v.name, url: v.url.trim(), events: v.events, format: v.format, active: v.active };
    const secret = v.format === 'wecom' ? null : v.secret?.trim() || null;
    if (!webhook) return create.mutateAsync({ ...base, secret, idempotencyKey });
    const secretChange =
      v.format === 'wecom' || v.removeSecret ? { secret: null } : secret ? { secret } : ({} as Record<string, never>);
    return update.mutateAsync({ id: webhook.id, ...base, ...secretChange });
  };

  return (
    <FormDialog<Fields, Webhook>
      open={open}
      name="webhook"
      width={640}
      title={webhook ? t('list.edit') : t('list.create')}
      initialValues={
        webhook
          ? {
              name: webhook.name,
              url: webhook.url,
              events: webhook.events,
              format: webhook.format,
              active: webhook.active,
            }
          : { events: [], format: 'json', active: true }
      }
      onSubmit={submit}
      onClose={onClose}
    >
      {(form) => (
        <>
          <Form.Item
            name="name"
            label={t('field.name')}
            rules={[
              { required: true, whitespace: true, message: t('common:required', { field: t('field.name') }) },
              { max: 100 },
            ]}
          >
            <Input autoFocus autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="url"
            label={t('field.url')}
            extra={t('field.urlHelp')}
            rules={[
              { required: true, whitespace: true, message: t('common:required', { field: t('field.url') }) },
              { pattern: /^https?:\/\/\S+$/i, message: t('field.urlHelp') },
              { max: 2000 },
            ]}
          >
            <Input autoComplete="off" inputMode="url" placeholder="https://" />
          </Form.Item>
          <Form.Item
            name="events"
            label={t('field.events')}
            rules={[{ required: true, message: t('common:required', { field: t('field.events') }) }]}
          >
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: `${t(`events.${e}`)} · ${e}` }))}
            />
          </Form.Item>
          <Form.Item name="format" label={t('field.format')} rules={[{ required: true }]}>
            <Select options={WEBHOOK_FORMATS.map((f) => ({ value: f, label: t(`format.${f}`) }))} />
          </Form.Item>
          <Form.Item noStyle dependencies={['format', 'removeSecret']}>
            {() => {
              const format = (form.getFieldValue('format') as WebhookFormat | undefined) ?? 'json';
              const removing = form.getFieldValue('removeSecret') === true;
              return (
                <>
                  <Form.Item
                    name="secret"
                    label={t('field.secret')}
                    extra={t(`field.secretHelp.${format}`)}
                    rules={[{ max: 200 }]}
                  >
                    <Input.Password
                      autoComplete="new-password"
                      disabled={format === 'wecom' || removing}
                      placeholder={webhook?.hasSecret && format !== 'wecom' ? t('field.secretKeep') : undefined}
                    />
                  </Form.Item>
                  {webhook?.hasSecret && format !== 'wecom' && (
                    <Form.Item name="removeSecret" valuePropName="checked">
                      <Checkbox>{t('field.removeSecret')}</Checkbox>
                    </Form.Item>
                  )}
                </>
              );
            }}
          </Form.Item>
          <Form.Item name="active" label={t('field.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}
