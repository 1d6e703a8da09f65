import type { Customer, MergeAnswer, MergeField } from '@crm/contracts';
import { MERGE_FIELDS } from '@crm/contracts/values';
import { MergeCellsOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Radio, Result, Row, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { apiGet } from '../../../app/api.ts';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { Stars } from '../../../app/components/Stars.tsx';
import { feedback, showError } from '../../../app/feedback.ts';
import { CUSTOMERS, useMergeCustomers } from '../api.ts';

/** The customer's own text for a field a merge may take (its dictionary entries by name). */
const LABELS: Partial<Record<MergeField, string>> = { regionId: 'region', levelId: 'level' };

function shown(c: Customer, f: MergeField): ReactNode {
  if (f === 'regionId') return c.region;
  if (f === 'levelId') return c.level;
  if (f === 'satisfaction' || f === 'credit') return c[f] === null ? null : <Stars value={c[f]} />;
  return c[f];
}

/**
 * 合并客户 (docs/duplicates-and-merge.md, rules 3 to 6): the records side by side, the survivor (the oldest unless
 * chosen otherwise) and, where they differ, the value kept of each field; after a confirmation, the merge and what it
 * moved.
 */
export function MergePage() {
  const { t } = useTranslation('customers');
  const [search] = useSearchParams();
  const ids = useMemo(
    () => [...new Set((search.get('ids') ?? '').split(',').map(Number))].filter((n) => Number.isInteger(n) && n > 0),
    [search],
  );
  const queries = useQueries({
    queries: ids.map((id) => ({
      queryKey: [CUSTOMERS, id],
      queryFn: ({ signal }: { signal: AbortSignal }) => apiGet<Customer>(`${CUSTOMERS}/${id}`, undefined, signal),
    })),
  });
  const merge = useMergeCustomers();
  const [survivorId, setSurvivorId] = useState<number>();
  const [picked, setPicked] = useState<Partial<Record<MergeField, number>>>({});
  const [done, setDone] = useState<MergeAnswer>();

  const header = <PageHeader title={t('merge.title')} />;
  const back = <Link to="/customers/duplicates">{t('merge.back')}</Link>;
  if (done) {
    const m = done.moved;
    return (
      <>
        {header}
        <Result
          status="success"
          title={t('merge.doneTitle')}
          subTitle={
            <>
              <div>
                {t('merge.doneText', {
                  numbers: done.mergedNumbers.join('、'),
                  survivor: `${done.customer.name}（${done.customer.number}）`,
                })}
              </div>
              <div>{t('merge.moved', { ...m })}</div>
            </>
          }
          extra={
            <Space wrap>
              <Link to={`/customers/${done.customer.id}`}>{t('merge.open')}</Link>
              {back}
            </Space>
          }
        />
      </>
    );
  }
  if (queries.some((q) => q.isPending))
    return (
      <>
        {header}
        <div aria-busy="true" className="loading-skeleton">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      </>
    );
  const records = queries.flatMap((q) => (q.data && q.data.status !== 'merged' ? [q.data] : []));
  if (records.length < 2)
    return (
      <>
        {header}
        <Result status="warning" title={t('merge.notFound')} extra={back} />
      </>
    );

  const oldest = [...records].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id)[0]!;
  const survivor = records.find((c) => c.id === survivorId) ?? oldest;
  const others = records.filter((c) => c.id !== survivor.id);
  const differing = MERGE_FIELDS.filter((f) => records.some((c) => c[f] !== records[0]![f]));
  const keptFrom = (f: MergeField) => (records.some((c) => c.id === picked[f]) ? picked[f]! : survivor.id);
  const name = (c: Customer) => `${c.name}（${c.number}）`;

  const confirm = () =>
    feedback.modal.confirm({
      title: t('merge.confirmTitle'),
      content: t('merge.confirmText', { others: others.map(name).join('、'), survivor: name(survivor) }),
      okText: t('merge.submit'),
      okButtonProps: { danger: true },
      cancelText: t('common:actions.cancel'),
      onOk: () => {
        const fields = Object.fromEntries(
          differing.flatMap((f) => (keptFrom(f) === survivor.id ? [] : [[f, keptFrom(f)]])),
        );
        return merge
          .mutateAsync({ id: survivor.id, sourceIds: others.map((c) => c.id), fields })
          .then(setDone, showError);
      },
    });

  return (
    <>
      <PageHeader title={t('merge.title')} extra={back} />
      <Alert type="info" showIcon title={t('merge.intro')} style={{ marginBottom: 16 }} />
      <Radio.Group
        value={survivor.id}
        onChange={(e) => setSurvivorId(e.target.value as number)}
        style={{ display: 'block', marginBottom: 16 }}
        aria-label={t('merge.survivor')}
      >
        <Row gutter={[16, 16]}>
          {records.map((c) => (
            <Col key={c.id} xs={24} md={12} xl={8}>
              <Card size="small" title={<Radio value={c.id}>{t('merge.survivor')}</Radio>}>
                <Typography.Text strong>
                  <Link to={`/customers/${c.id}`}>{c.name}</Link>
                </Typography.Text>
                <div>
                  {t('fields.number')}：{c.number}
                </div>
                <div>
                  {t('fields.manager')}：{c.manager?.displayName ?? t('inPool')}
                </div>
                <div>
                  {t('fields.createdAt')}：{dayjs(c.createdAt).format('YYYY-MM-DD HH:mm')}
                </div>
              </Card>
            </Col>
          ))}
        </Row>
      </Radio.Group>
      <Card size="small" title={t('merge.field')} style={{ marginBottom: 16 }}>
        {differing.length === 0 && <Typography.Paragraph>{t('merge.noDifferences')}</Typography.Paragraph>}
        {differing.map((f) => {
          const label = t(`fields.${LABELS[f] ?? f}`);
          return (
            <div key={f} style={{ marginBottom: 12 }} data-testid={`merge-field-${f}`}>
              <Typography.Text strong id={`merge-${f}`}>
                {label}
              </Typography.Text>
              <Radio.Group
                aria-labelledby={`merge-${f}`}
                value={keptFrom(f)}
                onChange={(e) => setPicked((p) => ({ ...p, [f]: e.target.value as number }))}
                style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 4 }}
              >
                {records.map((c) => (
                  <Radio key={c.id} value={c.id} style={{ overflowWrap: 'anywhere' }}>
                    {shown(c, f) ?? <Typography.Text type="secondary">{t('merge.empty')}</Typography.Text>}{' '}
                    <Typography.Text type="secondary">（{c.number}）</Typography.Text>
                  </Radio>
                ))}
              </Radio.Group>
            </div>
          );
        })}
        {differing.length > 0 && <Typography.Text type="secondary">{t('merge.same')}</Typography.Text>}
      </Card>
      <Button type="primary" danger icon={<MergeCellsOutlined />} loading={merge.isPending} onClick={confirm}>
        {t('merge.submit')}
      </Button>
    </>
  );
}
