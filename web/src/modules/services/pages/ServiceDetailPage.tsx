import { ArrowLeftOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Result, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { useService } from '../api.ts';
import { AssignServiceDialog } from '../components/AssignServiceDialog.tsx';
import { ServiceFacts } from '../components/ServiceFacts.tsx';
import { ServiceHistory } from '../components/ServiceHistory.tsx';

/**
 * One service with its whole history (docs/product.md#customer-service, rule 5); a director reassigns an assigned one
 * here (改派), e.g. when its manager has left.
 */
export function ServiceDetailPage() {
  const { t } = useTranslation('services');
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const service = useService(id);
  const [reassigning, setReassigning] = useState(false);
  if (service.isPending) return <Spin />;
  if (service.isError)
    return (
      <Result
        status="404"
        title={t('common:notFound.title')}
        extra={<Link to="/services">{t('archive.title')}</Link>}
      />
    );
  const s = service.data;
  return (
    <>
      <PageHeader
        title={`${t('detail.title')} · ${s.number}`}
        extra={
          <>
            {s.abilities.reassign && (
              <Button icon={<SwapOutlined />} onClick={() => setReassigning(true)}>
                {t('reassign.action')}
              </Button>
            )}
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
              {t('common:actions.back')}
            </Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <ServiceFacts service={s} />
      </Card>
      <Card size="small" title={t('detail.history')}>
        <ServiceHistory history={s.history} />
      </Card>
      <AssignServiceDialog service={reassigning ? s : undefined} reassign onClose={() => setReassigning(false)} />
    </>
  );
}
