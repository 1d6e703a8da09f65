import type { Service, ServiceDetail } from '@crm/contracts';
import { SERVICE_SATISFIED_FROM } from '@crm/contracts/values';
import { Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { StarsInput } from '../../../app/components/Stars.tsx';
import { feedback } from '../../../app/feedback.ts';
import { useServiceFeedback } from '../api.ts';
import { ServiceFacts } from '../components/ServiceFacts.tsx';
import { WorkList } from '../components/WorkList.tsx';

/**
 * 服务反馈 (docs/product.md#customer-service, rule 4): the services I handled; the customer's result and satisfaction
 * archive them or send them back.
 */
export function ServiceFeedbackPage() {
  const { t } = useTranslation('services');
  const [open, setOpen] = useState<Service>();
  return (
    <>
      <PageHeader title={t('feedback.title')}>
        <Typography.Paragraph type="secondary">{t('feedback.intro')}</Typography.Paragraph>
      </PageHeader>
      <WorkList
        fixed={{ status: 'handled', assignee: 'me' }}
        actionLabel={t('feedback.action')}
        onAction={setOpen}
        emptyText={t('feedback.empty')}
        showHandledAt
      />
      <FeedbackDialog service={open} onClose={() => setOpen(undefined)} />
    </>
  );
}

type Values = { result: string; satisfaction: number | null };

/** The stars, and under them what a low satisfaction will do (docs/product.md#customer-service, rule 4). */
function SatisfactionField() {
  const { t } = useTranslation('services');
  const satisfaction = Form.useWatch<number | null>('satisfaction');
  return (
    <Form.Item
      name="satisfaction"
      label={t('field.satisfaction')}
      rules={[{ required: true, message: t('common:required', { field: t('field.satisfaction') }) }]}
      extra={
        satisfaction && satisfaction < SERVICE_SATISFIED_FROM ? (
          <Typography.Text type="warning">{t('feedback.lowHint')}</Typography.Text>
        ) : undefined
      }
    >
      <StarsInput />
    </Form.Item>
  );
}

function FeedbackDialog({ service, onClose }: { service?: Service; onClose: () => void }) {
  const { t } = useTranslation('services');
  const record = useServiceFeedback();
  return (
    <FormDialog<Values, ServiceDetail>
      open={Boolean(service)}
      title={t('feedback.dialogTitle', { number: service?.number })}
      okText={t('feedback.submit')}
      width={720}
      intro={service && <ServiceFacts service={service} brief />}
      onSubmit={({ result, satisfaction }, idempotencyKey) =>
        record.mutateAsync({ id: service!.id, result, satisfaction: satisfaction!, idempotencyKey })
      }
      onSaved={(s) => {
        if (s.status === 'archived') void feedback.message.success(t('feedback.archived'));
        else void feedback.message.warning(t('feedback.reopened'));
      }}
      onClose={onClose}
    >
      <Form.Item
        name="result"
        label={t('field.result')}
        style={{ marginTop: 16 }}
        rules={[
          { required: true, whitespace: true, message: t('common:required', { field: t('field.result') }) },
          { max: 4000 },
        ]}
      >
        <Input.TextArea autoFocus rows={3} maxLength={4000} />
      </Form.Item>
      <SatisfactionField />
    </FormDialog>
  );
}
