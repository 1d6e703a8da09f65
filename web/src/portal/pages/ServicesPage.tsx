import { PlusOutlined } from '@ant-design/icons';
import { SERVICE_STATUSES } from '@crm/contracts/values';
import { Alert, Button, Card, Empty, Pagination, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Loaded } from '../../app/components/Loaded.tsx';
import { useServices } from '../api.ts';
import { PortalStatusTag, when } from '../components.tsx';
import { usePortalMe } from '../session.tsx';

/** The company's service requests with their status, newest first (docs/portal.md#requests, rule 1). */
export function ServicesPage() {
  const { t } = useTranslation('portal');
  const me = usePortalMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const status = params.get('status') ?? undefined;
  const query = useServices(page, status);
  const set = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next))
      if (v) merged.set(k, v);
      else merged.delete(k);
    setParams(merged);
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
        {t('services.title')}
      </Typography.Title>
      {!me.canFile && <Alert type="warning" showIcon title={t('services.readOnly')} />}
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', justifyContent: 'space-between' }}>
        <Select
          aria-label={t('services.filter')}
          style={{ minWidth: 180 }}
          value={status ?? ''}
          onChange={(v) => set({ status: v || undefined, page: undefined })}
          options={[
            { value: '', label: t('services.all') },
            ...SERVICE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
        {me.canFile && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/portal/new')}>
            {t('services.new')}
          </Button>
        )}
      </div>
      <Loaded query={query}>
        {(answer) =>
          answer.items.length === 0 ? (
            <Card>
              <Empty description={t('services.empty')} />
            </Card>
          ) : (
            <>
              <div>
                {answer.items.map((s) => (
                  <Card key={s.id} className="portal-card" size="small" data-testid="portal-service">
                    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                      <Space wrap>
                        <PortalStatusTag status={s.status} />
                        <Link to={`/portal/services/${s.id}`} style={{ fontWeight: 600 }}>
                          {s.summary}
                        </Link>
                      </Space>
                      <Typography.Text type="secondary">
                        {s.number} · {s.type} · {when(s.createdAt)}
                      </Typography.Text>
                      {s.requestedBy && (
                        <Typography.Text type="secondary">
                          {t('services.by', { name: s.requestedBy.name })}
                        </Typography.Text>
                      )}
                    </Space>
                  </Card>
                ))}
              </div>
              <Pagination
                current={page}
                pageSize={10}
                total={answer.total}
                simple
                hideOnSinglePage
                onChange={(p) => set({ page: String(p) })}
              />
            </>
          )
        }
      </Loaded>
    </Space>
  );
}
