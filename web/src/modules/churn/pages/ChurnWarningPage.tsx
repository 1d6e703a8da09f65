import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Result, Spin, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { useCan, useUser } from '../../../app/session.tsx';
import { useChurnWarning } from '../api.ts';
import { ChurnStatusTag } from '../components/ChurnStatusTag.tsx';
import { ConfirmLossForm } from '../components/ConfirmLossForm.tsx';
import { MeasureForm } from '../components/MeasureForm.tsx';

const when = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** One churn warning: the customer, its manager and last order, the measures as a timeline, and the actions. */
export function ChurnWarningPage() {
  const { t } = useTranslation('churn');
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const user = useUser();
  const can = useCan();
  const warning = useChurnWarning(id);
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
      {t('common:actions.back')}
    </Button>
  );
  if (warning.isPending) return <Spin />;
  if (warning.isError)
    return (
      <Result
        status="404"
        title={t('common:notFound.title')}
        extra={<Link to="/churn-warnings">{t('list.title')}</Link>}
      />
    );
  const w = warning.data;
  const open = w.status === 'warning' || w.status === 'delayed';
  // the server decides (the customer's manager now); the recorded manager is the usual case
  const mayAct = open && can('churn.act') && w.manager.id === user.id;

  return (
    <>
      <PageHeader title={`${t('detail.title')} · ${w.customer.name}`} extra={back} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'customer',
              label: t('detail.customer'),
              children: <Link to={`/customers/${w.customer.id}`}>{`${w.customer.name}（${w.customer.number}）`}</Link>,
            },
            { key: 'manager', label: t('detail.manager'), children: w.manager.displayName },
            { key: 'status', label: t('detail.status'), children: <ChurnStatusTag status={w.status} /> },
            { key: 'lastOrder', label: t('detail.lastOrderDate'), children: w.lastOrderDate ?? t('list.neverOrdered') },
            { key: 'created', label: t('detail.createdAt'), children: when(w.createdAt) },
            ...(w.status === 'lost'
              ? [
                  { key: 'confirmed', label: t('detail.confirmedAt'), children: when(w.confirmedAt) },
                  { key: 'reason', label: t('detail.reason'), children: w.reason },
                ]
              : []),
            ...(w.status === 'recovered'
              ? [{ key: 'recovered', label: t('detail.recoveredAt'), children: when(w.recoveredAt) }]
              : []),
          ]}
        />
      </Card>
      {w.status === 'lost' && (
        <Alert type="error" showIcon title={t('detail.closedLost')} style={{ marginBottom: 16 }} />
      )}
      {w.status === 'recovered' && (
        <Alert type="success" showIcon title={t('detail.closedRecovered')} style={{ marginBottom: 16 }} />
      )}
      {open && !mayAct && can('churn.act') && (
        <Alert type="info" showIcon title={t('detail.notResponsible')} style={{ marginBottom: 16 }} />
      )}
      <Card size="small" title={t('detail.measures')} style={{ marginBottom: 16 }}>
        {w.measures.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noMeasures')} />
        ) : (
          <Timeline
            data-testid="churn-measures"
            items={w.measures.map((m) => ({
              key: m.id,
              content: (
                <>
                  <Typography.Text type="secondary">
                    {t('detail.by', { name: m.createdBy.displayName, at: when(m.createdAt) })}
                  </Typography.Text>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{m.text}</div>
                </>
              ),
            }))}
          />
        )}
      </Card>
      {mayAct && <MeasureForm warningId={w.id} />}
      {mayAct && <ConfirmLossForm warningId={w.id} hasMeasures={w.measures.length > 0} />}
    </>
  );
}
