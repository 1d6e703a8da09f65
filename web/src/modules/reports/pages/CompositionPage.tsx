import type { CompositionDimension, CompositionItem } from '@crm/contracts';
import { Card, Form, Radio, Select, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { REPORTS, reportLang, useComposition } from '../api.ts';
import { type ChartOption } from '../components/EChart.tsx';
import { AsOf, ExportButtons } from '../components/ReportToolbar.tsx';
import { ChartBesideTable } from '../components/ChartBesideTable.tsx';

const DIMENSIONS: CompositionDimension[] = ['level', 'credit', 'satisfaction'];
const BY_LABEL = {
  level: 'composition.byLevel',
  credit: 'composition.byCredit',
  satisfaction: 'composition.bySatisfaction',
} as const;

/** One empty list for every render without an answer, so that the chart's option is not rebuilt each time. */
const NO_ITEMS: CompositionItem[] = [];
/**
 * 客户构成分析 (docs/product.md#reports, rule 3): customers per level, credit or satisfaction with their share; "not set" its
 * own group.
 */
export function CompositionPage() {
  const { t, i18n } = useTranslation('reports');
  const [search, setSearch] = useSearchParams();
  const by = (DIMENSIONS as string[]).includes(search.get('by') ?? '')
    ? (search.get('by') as CompositionDimension)
    : 'level';
  const status = search.get('status') ?? undefined;
  const lang = reportLang(i18n.language);
  const report = useComposition(by, status, lang);
  const items = report.data?.items ?? NO_ITEMS;

  const set = (key: string, value: string | undefined) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const columns: TableColumnsType<CompositionItem> = [
    { title: t(`composition.group.${by}`), dataIndex: 'label' },
    { title: t('composition.count'), dataIndex: 'count', align: 'right' },
    {
      title: t('composition.percent'),
      dataIndex: 'percent',
      align: 'right',
      render: (p: number) => `${p.toFixed(2)} %`,
    },
  ];

  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          name: t(`composition.group.${by}`),
          data: items.filter((i) => i.count > 0).map((i) => ({ name: i.label, value: i.count })),
          label: { formatter: '{b}\n{d}%' },
        },
      ],
    }),
    [items, by, t],
  );

  return (
    <>
      <PageHeader
        title={t('composition.title')}
        extra={<ExportButtons path={REPORTS.composition} filters={{ by, status }} />}
      >
        <AsOf asOf={report.data?.asOf} />
      </PageHeader>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label={t('composition.by')}>
            <Radio.Group
              optionType="button"
              value={by}
              onChange={(e) => set('by', e.target.value as string)}
              options={DIMENSIONS.map((d) => ({ value: d, label: t(BY_LABEL[d]) }))}
            />
          </Form.Item>
          <Form.Item label={t('composition.status')}>
            <Select
              aria-label={t('composition.status')}
              style={{ width: 140 }}
              value={status ?? ''}
              onChange={(v: string) => set('status', v || undefined)}
              options={[
                { value: '', label: t('composition.allStatuses') },
                { value: 'normal', label: t('composition.normal') },
                { value: 'lost', label: t('composition.lost') },
              ]}
            />
          </Form.Item>
        </Form>
      </Card>
      <Loaded query={report} rows={8}>
        {(data) => (
          <ChartBesideTable<CompositionItem>
            chart={{ option, height: 340, label: t('composition.title') }}
            chartSpan={12}
            total={t('composition.total', { total: data.total })}
            rowKey={(r) => String(r.key)}
            columns={columns}
            rows={items}
            loading={report.isFetching}
          />
        )}
      </Loaded>
    </>
  );
}
