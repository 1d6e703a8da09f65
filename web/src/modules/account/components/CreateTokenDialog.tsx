import type { CreatedApiToken } from '@crm/contracts';
import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { useUser } from '../../../app/session.tsx';
import { useCreateToken } from '../api.ts';

type Fields = { name: string; days: number; permissions: string[] };
const DAYS = [30, 90, 365, 0];

/** 新建令牌: name, validity and (optionally) fewer permissions; then the secret, shown once, with a copy button. */
export function CreateTokenDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('account');
  const user = useUser();
  const create = useCreateToken();
  const [created, setCreated] = useState<CreatedApiToken>();
  const [copied, setCopied] = useState(false);

  return (
    <>
      <FormDialog<Fields, CreatedApiToken>
        open={open}
        name="token"
        title={t('tokens.create')}
        initialValues={{ days: 90, permissions: [] }}
        onSubmit={(v, idempotencyKey) =>
          create.mutateAsync({
            name: v.name,
            expiresAt: v.days ? dayjs().add(v.days, 'day').toISOString() : null,
            ...(v.permissions?.length ? { permissions: v.permissions } : {}),
            idempotencyKey,
          })
        }
        onSaved={(token) => {
          setCopied(false);
          setCreated(token);
        }}
        onClose={onClose}
      >
        <Form.Item
          name="name"
          label={t('tokens.name')}
          rules={[
            { required: true, whitespace: true, message: t('common:required', { field: t('tokens.name') }) },
            { max: 100 },
          ]}
        >
          <Input autoFocus autoComplete="off" />
        </Form.Item>
        <Form.Item name="days" label={t('tokens.expiry')}>
          <Select
            options={DAYS.map((d) => ({ value: d, label: d ? t('tokens.days', { count: d }) : t('tokens.noExpiry') }))}
          />
        </Form.Item>
        <Form.Item name="permissions" label={t('tokens.narrower')} extra={t('tokens.narrowerHelp')}>
          <Select
            mode="multiple"
            allowClear
            options={user.permissions.map((p) => ({ value: p, label: `${p} · ${t(`access:permissions.${p}`)}` }))}
          />
        </Form.Item>
      </FormDialog>
      <Modal
        open={!!created}
        title={t('tokens.created')}
        closable={false}
        maskClosable={false}
        keyboard={false}
        footer={
          <Button type="primary" onClick={() => setCreated(undefined)}>
            {t('tokens.done')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('tokens.shownOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          code
          className="token-secret"
          data-testid="token-secret"
          style={{ wordBreak: 'break-all' }}
        >
          {created?.token}
        </Typography.Paragraph>
        <Button
          icon={<CopyOutlined />}
          onClick={() => {
            void navigator.clipboard?.writeText(created?.token ?? '').then(() => setCopied(true));
          }}
        >
          {copied ? t('tokens.copied') : t('tokens.copy')}
        </Button>
      </Modal>
    </>
  );
}
