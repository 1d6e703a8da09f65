import { ArrowLeftOutlined } from '@ant-design/icons';
import type { PortalService } from '@crm/contracts';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loaded } from '../../app/components/Loaded.tsx';
import { Stars, StarsInput } from '../../app/components/Stars.tsx';
import { useFormSubmit } from '../../app/components/useFormSubmit.ts';
import { feedback } from '../../app/feedback.ts';
import { giveFeedback, useService } from '../api.ts';
import { PortalStatusTag, when } from '../components.tsx';
import { usePortalMe } from '../session.tsx';

/** One request: what was asked, how it was handled, and the rating (docs/portal.md#requests, rules 3 and 4). */
export function ServiceDetailPage() {
  const { t } = useTranslation('portal');
  const id = Number(useParams().id);
  const query = useService(id);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/portal">
        <ArrowLeftOutlined /> {t('detail.back')}
      </Link>
      <Loaded query={query}>{(s) => <Detail service={s} />}</Loaded>
    </Space>
  );
}

function Detail({ service: s }: { service: PortalService }) {
  const { t } = useTranslation('portal');
  const me = usePortalMe();
  const text = (v: string | null) => (v ? <span className="portal-request-text">{v}</span> : '—');
  return (
    <>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
          {s.summary}
        </Typography.Title>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'status', label: t('field.status'), children: <PortalStatusTag status={s.status} /> },
            { key: 'number', label: t('field.number'), children: s.number },
            { key: 'type', label: t('field.type'), children: s.type },
            { key: 'createdAt', label: t('field.createdAt'), children: when(s.createdAt) },
            ...(s.requestedBy
              ? [{ key: 'requestedBy', label: t('field.requestedBy'), children: s.requestedBy.name }]
              : []),
            { key: 'request', label: t('field.request'), children: text(s.request) },
          ]}
        />
      </Card>
      <Card title={t('field.handling')} data-testid="portal-handling">
        {s.handling ? (
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'handling', label: t('field.handling'), children: text(s.handling) },
              { key: 'handledBy', label: t('field.handledBy'), children: s.handledBy?.displayName ?? '—' },
              { key: 'handledAt', label: t('field.handledAt'), children: when(s.handledAt) },
              ...(s.satisfaction !== null
                ? [
                    { key: 'satisfaction', label: t('field.satisfaction'), children: <Stars value={s.satisfaction} /> },
                    { key: 'result', label: t('field.result'), children: text(s.result) },
                  ]
                : []),
            ]}
          />
        ) : (
          <Typography.Text type="secondary">{t('detail.waiting')}</Typography.Text>
        )}
      </Card>
      {s.status === 'handled' && me.canFile && <FeedbackForm service={s} />}
    </>
  );
}

type Values = { satisfaction: number | null; result?: string };

function FeedbackForm({ service: s }: { service: PortalService }) {
  const { t } = useTranslation('portal');
  const [form] = Form.useForm<Values>();
  const sender = useFormSubmit<Values, PortalService>(form, {
    submit: (v) => giveFeedback(s.id, { satisfaction: v.satisfaction!, result: v.result?.trim() || null }),
    onSuccess: (updated) =>
      void feedback.message.success(updated.status === 'archived' ? t('detail.thanks') : t('detail.sentBack')),
  });
  return (
    <Card title={t('detail.feedback')} data-testid="portal-feedback">
      <Alert type="info" title={t('detail.feedbackIntro')} style={{ marginBottom: 12 }} />
      <Form<Values> layout="vertical" name="portal-feedback" requiredMark={false} {...sender.formProps}>
        <Form.Item
          name="satisfaction"
          label={t('field.satisfaction')}
          rules={[{ required: true, message: t('detail.chooseStars') }]}
        >
          <StarsInput />
        </Form.Item>
        <Form.Item name="result" label={t('detail.comment')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block {...sender.submitProps}>
          {t('detail.send')}
        </Button>
      </Form>
    </Card>
  );
}
