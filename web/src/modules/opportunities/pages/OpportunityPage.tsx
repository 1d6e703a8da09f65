import { ArrowLeftOutlined, EditOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Result, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { DeleteButton } from '../../../app/components/DeleteButton.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { deleteOpportunity, OPPORTUNITIES, useOpportunity } from '../api.ts';
import { AssignDialog } from '../components/AssignDialog.tsx';
import { ClosingActions } from '../components/ClosingActions.tsx';
import { OpportunityDetails } from '../components/OpportunityDetails.tsx';
import { OpportunityFormDialog } from '../components/OpportunityFormDialog.tsx';
import { PlanItemsCard } from '../components/PlanItemsCard.tsx';
import { StageCard } from '../components/StageCard.tsx';

/**
 * 客户开发计划 (docs/product.md#development-plans, rule 1): the opportunity's details above its plan items, and its closing.
 * An unassigned one has no plan yet: its page is simply the sales opportunity (issue 14, item 10).
 */
export function OpportunityPage() {
  const { t } = useTranslation('opportunities');
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const opportunity = useOpportunity(id);
  const [editing, setEditing] = useState(false);
  // the dialog keeps its kind while it closes
  const [assigning, setAssigning] = useState({ open: false, reassign: false });

  if (opportunity.isPending) return <Spin />;
  if (opportunity.isError)
    return (
      <Result status="404" title={t('detail.notFound')} extra={<Link to={OPPORTUNITIES}>{t('list.title')}</Link>} />
    );
  const o = opportunity.data;
  // what the server will allow this user (docs/product.md#opportunities, rule 8)
  const may = o.abilities;

  const extra = (
    <>
      {may.edit && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
          {t('common:actions.edit')}
        </Button>
      )}
      {may.assign && (
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAssigning({ open: true, reassign: false })}>
          {t('list.assign')}
        </Button>
      )}
      {may.reassign && (
        <Button icon={<SwapOutlined />} onClick={() => setAssigning({ open: true, reassign: true })}>
          {t('list.reassign')}
        </Button>
      )}
      {may.delete && (
        <DeleteButton size="middle" onDelete={() => deleteOpportunity(o.id).then(() => navigate(OPPORTUNITIES))} />
      )}
      {may.close && <ClosingActions opportunity={o} />}
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(OPPORTUNITIES)}>
        {t('common:actions.back')}
      </Button>
    </>
  );

  return (
    <>
      <PageHeader
        title={`${o.status === 'unassigned' ? t('detail.opportunityTitle') : t('detail.title')} · ${o.customerName}`}
        extra={extra}
      />
      <Card size="small" title={t('detail.opportunity')} style={{ marginBottom: 16 }}>
        <OpportunityDetails opportunity={o} />
      </Card>
      {o.status === 'unassigned' && (
        <Alert type="info" showIcon title={t('detail.unassignedHint')} style={{ marginBottom: 16 }} />
      )}
      {o.status === 'assigned' && !may.plan && (
        <Alert type="info" showIcon title={t('detail.notAssignee')} style={{ marginBottom: 16 }} />
      )}
      {o.status === 'succeeded' && (
        <Alert type="success" showIcon title={t('detail.succeeded')} style={{ marginBottom: 16 }} />
      )}
      {o.status === 'failed' && (
        <Alert type="warning" showIcon title={t('detail.failed')} style={{ marginBottom: 16 }} />
      )}
      {o.status !== 'unassigned' && <StageCard opportunity={o} />}
      {o.status !== 'unassigned' && <PlanItemsCard opportunityId={o.id} mayPlan={may.plan} />}
      <OpportunityFormDialog open={editing} opportunity={o} onClose={() => setEditing(false)} />
      <AssignDialog
        opportunity={assigning.open ? o : undefined}
        reassign={assigning.reassign}
        onClose={() => setAssigning((a) => ({ ...a, open: false }))}
      />
    </>
  );
}
