import type { PoolSettings } from '@crm/contracts';
import { Button, Card, Form, InputNumber, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { useTableLayout } from '../../../app/components/table.ts';
import { useFormSubmit } from '../../../app/components/useFormSubmit.ts';
import { showSuccess } from '../../../app/feedback.ts';
import { useDictionaryEntries } from '../../dictionary/api.ts';
import { usePoolSettings, useUpdatePoolSettings } from '../api.ts';
import { ScanButton } from '../components/ScanButton.tsx';

type Fields = Omit<PoolSettings, 'returnAfterDays'> & { days: Record<string, number> };
const LIMITS = ['dailyClaimLimit', 'maxOwned', 'reclaimWaitDays', 'warnDays'] as const;
const HELP: Partial<Record<(typeof LIMITS)[number], string>> = {
  dailyClaimLimit: 'settings.dailyClaimLimitHelp',
  maxOwned: 'settings.maxOwnedHelp',
};

function SettingsForm({ settings }: { settings: PoolSettings }) {
  const { t } = useTranslation('pool');
  const [form] = Form.useForm<Fields>();
  const levels = useDictionaryEntries('customerLevel');
  const update = useUpdatePoolSettings();
  const layout = useTableLayout();
  const { returnAfterDays, ...limits } = settings;
  const sender = useFormSubmit<Fields, PoolSettings>(form, {
    initialValues: { ...limits, days: Object.fromEntries(returnAfterDays.map((r) => [String(r.levelId), r.days])) },
    submit: ({ days, ...rest }) =>
      update.mutateAsync({
        ...rest,
        returnAfterDays: Object.entries(days ?? {}).map(([levelId, d]) => ({ levelId: Number(levelId), days: d ?? 0 })),
      }),
    onSuccess: () => showSuccess('saved'),
  });
  const levelName = (id: number) => levels.data?.find((l) => l.id === id)?.item ?? String(id);
  const number = (max: number) => <InputNumber min={0} max={max} precision={0} style={{ width: '100%' }} />;
  return (
    <Form layout="vertical" name="pool-settings" {...sender.formProps}>
      <Card size="small" title={t('settings.limits')} style={{ marginBottom: 16 }}>
        {LIMITS.map((name) => (
          <Form.Item
            key={name}
            name={name}
            label={t(`settings.${name}`)}
            extra={HELP[name] && t(HELP[name])}
            rules={[{ required: true, message: t('common:required', { field: t(`settings.${name}`) }) }]}
            style={{ maxWidth: 360 }}
          >
            {number(name === 'maxOwned' ? 1_000_000 : name === 'dailyClaimLimit' ? 10_000 : 3650)}
          </Form.Item>
        ))}
      </Card>
      <Card size="small" title={t('settings.returnTitle')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('settings.returnHelp')}</Typography.Paragraph>
        <Table
          rowKey="levelId"
          pagination={false}
          size="small"
          dataSource={returnAfterDays}
          {...layout}
          columns={[
            { title: t('settings.level'), dataIndex: 'levelId', render: (id: number) => levelName(id) },
            {
              title: t('settings.days'),
              dataIndex: 'levelId',
              key: 'days',
              width: 180,
              render: (id: number) => (
                <Form.Item
                  name={['days', String(id)]}
                  noStyle
                  rules={[{ required: true, message: t('common:required', { field: t('settings.days') }) }]}
                >
                  <InputNumber
                    min={0}
                    max={3650}
                    precision={0}
                    aria-label={`${levelName(id)} ${t('settings.days')}`}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              ),
            },
          ]}
        />
      </Card>
      <Button type="primary" htmlType="submit" {...sender.submitProps}>
        {t('settings.save')}
      </Button>
    </Form>
  );
}

/** 公海设置 (docs/organisation.md#customer-pool, rule 7): the claim limits and, per customer level, the return days. */
export function PoolSettingsPage() {
  const { t } = useTranslation('pool');
  const settings = usePoolSettings();
  return (
    <>
      <PageHeader title={t('settings.title')} extra={<ScanButton />} />
      <Loaded query={settings} rows={8}>
        {(s) => <SettingsForm key={JSON.stringify(s)} settings={s} />}
      </Loaded>
    </>
  );
}
