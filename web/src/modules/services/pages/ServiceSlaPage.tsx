import type { ServiceSlaItem } from '@crm/contracts';
import { Button, Card, Form, InputNumber, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { useTableLayout } from '../../../app/components/table.ts';
import { useFormSubmit } from '../../../app/components/useFormSubmit.ts';
import { showSuccess } from '../../../app/feedback.ts';
import { usePutServiceSla, useServiceSla } from '../api.ts';

type Hours = number | null | undefined;
type Fields = { limits: Record<string, { assign?: Hours; handle?: Hours }> };

function SlaForm({ items }: { items: ServiceSlaItem[] }) {
  const { t } = useTranslation('services');
  const [form] = Form.useForm<Fields>();
  const put = usePutServiceSla();
  const layout = useTableLayout();
  const sender = useFormSubmit<Fields, ServiceSlaItem[]>(form, {
    initialValues: {
      limits: Object.fromEntries(
        items.map((i) => [String(i.typeId), { assign: i.assignWithinHours, handle: i.handleWithinHours }]),
      ),
    },
    submit: ({ limits }) =>
      put.mutateAsync(
        items.map((i) => ({
          typeId: i.typeId,
          assignWithinHours: limits?.[String(i.typeId)]?.assign ?? null,
          handleWithinHours: limits?.[String(i.typeId)]?.handle ?? null,
        })),
      ),
    onSuccess: () => showSuccess('saved'),
  });
  const hours = (typeId: number, which: 'assign' | 'handle', label: string) => (
    <Form.Item
      name={['limits', String(typeId), which]}
      style={{ margin: 0 }}
      dependencies={which === 'handle' ? [['limits', String(typeId), 'assign']] : undefined}
      rules={
        which === 'handle'
          ? [
              ({ getFieldValue }) => ({
                validator: (_, value: Hours) => {
                  const assign = getFieldValue(['limits', String(typeId), 'assign']) as Hours;
                  return value != null && assign != null && value < assign
                    ? Promise.reject(new Error(t('sla.handleBeforeAssign')))
                    : Promise.resolve();
                },
              }),
            ]
          : undefined
      }
    >
      <InputNumber
        min={0.01}
        max={8760}
        precision={2}
        placeholder={t('sla.none')}
        aria-label={label}
        style={{ width: '100%' }}
      />
    </Form.Item>
  );
  return (
    <Form layout="vertical" name="service-sla" {...sender.formProps}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('sla.intro')}</Typography.Paragraph>
        <Table<ServiceSlaItem>
          rowKey="typeId"
          pagination={false}
          size="small"
          dataSource={items}
          {...layout}
          columns={[
            { title: t('sla.type'), dataIndex: 'type' },
            {
              title: t('sla.assign'),
              key: 'assign',
              width: 180,
              render: (_, i) => hours(i.typeId, 'assign', `${i.type} ${t('sla.assign')}`),
            },
            {
              title: t('sla.handle'),
              key: 'handle',
              width: 180,
              render: (_, i) => hours(i.typeId, 'handle', `${i.type} ${t('sla.handle')}`),
            },
          ]}
        />
      </Card>
      <Button type="primary" htmlType="submit" {...sender.submitProps}>
        {t('sla.save')}
      </Button>
    </Form>
  );
}

/** 服务时限 (docs/service-sla.md#limits): per service type, the hours to assignment and to handling. */
export function ServiceSlaPage() {
  const { t } = useTranslation('services');
  const sla = useServiceSla();
  return (
    <>
      <PageHeader title={t('sla.title')} />
      <Loaded query={sla} rows={6}>
        {(items) => <SlaForm key={JSON.stringify(items)} items={items} />}
      </Loaded>
    </>
  );
}
