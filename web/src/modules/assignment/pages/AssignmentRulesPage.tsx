import { EditOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import type { AssignmentRule } from '@crm/contracts';
import { Alert, Button, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeleteButton } from '../../../app/components/DeleteButton.tsx';
import { Loaded } from '../../../app/components/Loaded.tsx';
import { PageHeader } from '../../../app/components/PageHeader.tsx';
import { ROW_ACTIONS, WIDE_ONLY, useTableLayout } from '../../../app/components/table.ts';
import { showError, showSuccess } from '../../../app/feedback.ts';
import { useDictionaryEntries } from '../../dictionary/api.ts';
import { deleteRule, useRules, useUpdateRule } from '../api.ts';
import { RuleFormDialog } from '../components/RuleFormDialog.tsx';

/**
 * 自动分配 (docs/assignment-rules.md): the rules in the order they are tried, each with its conditions, strategy,
 * assignees and what keeps it from working (a manager who left); new, edit, switch on/off, delete with confirmation.
 */
export function AssignmentRulesPage() {
  const { t } = useTranslation('assignment');
  const rules = useRules();
  const update = useUpdateRule();
  const layout = useTableLayout();
  const [editing, setEditing] = useState<AssignmentRule | 'new'>();
  const types = useDictionaryEntries('serviceType');
  const regions = useDictionaryEntries('region');
  const levels = useDictionaryEntries('customerLevel');
  const names = (entries: typeof types, ids: number[]) =>
    ids.map((id) => entries.data?.find((e) => e.id === id)?.item ?? `#${id}`).join('、');

  const toggle = (rule: AssignmentRule, active: boolean) =>
    update.mutate({ id: rule.id, active }, { onSuccess: () => showSuccess('saved'), onError: showError });

  const columns: TableColumnsType<AssignmentRule> = [
    { title: t('field.priority'), dataIndex: 'priority', width: 80, responsive: WIDE_ONLY },
    {
      title: t('field.name'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <Space orientation="vertical" size={2}>
          <Space size={4} wrap>
            <strong>{name}</strong>
            {!r.active && <Tag>{t('inactive')}</Tag>}
          </Space>
          {r.problems.map((p, i) => (
            <Typography.Text key={i} type="warning" data-testid="rule-problem">
              <WarningOutlined /> {t(`problems.${p.code}`, { name: p.user?.displayName ?? '' })}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    {
      title: t('field.conditions'),
      key: 'conditions',
      responsive: WIDE_ONLY,
      render: (_, r) => {
        const c = r.conditions;
        const parts = [
          c.typeIds.length && `${t('field.types')}：${names(types, c.typeIds)}`,
          c.regionIds.length && `${t('field.regions')}：${names(regions, c.regionIds)}`,
          c.levelIds.length && `${t('field.levels')}：${names(levels, c.levelIds)}`,
        ].filter(Boolean);
        return parts.length ? parts.map((p) => <div key={String(p)}>{p}</div>) : t('any');
      },
    },
    {
      title: t('field.strategy'),
      key: 'strategy',
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <span>{t(`strategy.${r.strategy}`)}</span>
          {r.assignees.length > 0 && (
            <Typography.Text type="secondary">
              {r.assignees.map((a) => (a.active ? a.displayName : `${a.displayName}（×）`)).join('、')}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('field.active'),
      key: 'active',
      width: 80,
      render: (_, r) => (
        <Switch
          size="small"
          checked={r.active}
          loading={update.isPending && update.variables?.id === r.id}
          aria-label={`${t('field.active')} ${r.name}`}
          onChange={(on) => toggle(r, on)}
        />
      ),
    },
    {
      title: t('common:actions.actions'),
      ...ROW_ACTIONS,
      render: (_, r) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(r)}
            aria-label={`${t('common:actions.edit')} ${r.name}`}
          >
            {t('common:actions.edit')}
          </Button>
          <DeleteButton onDelete={() => deleteRule(r.id)} />
        </Space>
      ),
    },
  ];
  const items = rules.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('create')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t('intro')} style={{ marginBottom: 16 }} />
      <Loaded query={rules} rows={6}>
        {() => (
          <Table<AssignmentRule>
            rowKey="id"
            columns={columns}
            {...layout}
            dataSource={items}
            pagination={false}
            loading={rules.isFetching}
            locale={{ emptyText: t('empty') }}
          />
        )}
      </Loaded>
      <RuleFormDialog
        open={!!editing}
        rule={editing === 'new' ? undefined : editing}
        nextPriority={Math.min(9999, (items.at(-1)?.priority ?? 0) + 10)}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}
