import type { AssignmentRule, AssignmentStrategy } from '@crm/contracts';
import { ASSIGNMENT_STRATEGIES } from '@crm/contracts/values';
import { Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { useAssignees } from '../../access/api.ts';
import { useDictionaryEntries } from '../../dictionary/api.ts';
import { useCreateRule, useUpdateRule } from '../api.ts';

type Fields = {
  name: string;
  priority: number;
  active: boolean;
  typeIds: number[];
  regionIds: number[];
  levelIds: number[];
  strategy: AssignmentStrategy;
  assigneeIds: number[];
};

/** Entries of a dictionary type as a multiple choice ("any" when none is chosen). */
function EntriesSelect({
  type,
  ...props
}: {
  type: string;
  id?: string;
  value?: number[];
  onChange?: (v: number[]) => void;
}) {
  const { t } = useTranslation('assignment');
  const entries = useDictionaryEntries(type);
  return (
    <Select<number[]>
      mode="multiple"
      allowClear
      loading={entries.isPending}
      placeholder={t('any')}
      showSearch={{ optionFilterProp: 'label' }}
      options={(entries.data ?? []).map((e) => ({ value: e.id, label: e.item }))}
      {...props}
    />
  );
}

/** What the chosen strategy does. */
function StrategyHelp() {
  const { t } = useTranslation('assignment');
  const strategy = Form.useWatch<AssignmentStrategy | undefined>('strategy');
  return <>{t(`strategyHelp.${strategy ?? 'roundRobin'}`)}</>;
}

/**
 * A new rule or a change of one (docs/assignment-rules.md#rules): name, priority, active, the three conditions, the
 * strategy and — unless it is the customer's manager — the managers in the order they take turns.
 */
export function RuleFormDialog({
  open,
  rule,
  nextPriority,
  onClose,
}: {
  open: boolean;
  rule?: AssignmentRule;
  nextPriority: number;
  onClose: () => void;
}) {
  const { t } = useTranslation('assignment');
  const create = useCreateRule();
  const update = useUpdateRule();
  const managers = useAssignees('services', open);

  const submit = (v: Fields, idempotencyKey: string) => {
    const body = {
      name: v.name,
      priority: v.priority,
      active: v.active,
      conditions: { typeIds: v.typeIds ?? [], regionIds: v.regionIds ?? [], levelIds: v.levelIds ?? [] },
      strategy: v.strategy,
      assigneeIds: v.strategy === 'customerManager' ? [] : (v.assigneeIds ?? []),
    };
    return rule ? update.mutateAsync({ id: rule.id, ...body }) : create.mutateAsync({ ...body, idempotencyKey });
  };
  // managers who left stay listed as they are on the rule (they are skipped when assigning)
  const options = [
    ...(managers.data ?? []).map((m) => ({ value: m.id, label: m.displayName })),
    ...(rule?.assignees ?? [])
      .filter((a) => !managers.data?.some((m) => m.id === a.id))
      .map((a) => ({ value: a.id, label: a.displayName })),
  ];

  return (
    <FormDialog<Fields, AssignmentRule>
      open={open}
      name="rule"
      title={rule ? t('edit') : t('create')}
      width={560}
      initialValues={
        rule
          ? {
              name: rule.name,
              priority: rule.priority,
              active: rule.active,
              ...rule.conditions,
              strategy: rule.strategy,
              assigneeIds: rule.assigneeIds,
            }
          : {
              priority: nextPriority,
              active: true,
              typeIds: [],
              regionIds: [],
              levelIds: [],
              strategy: 'roundRobin',
              assigneeIds: [],
            }
      }
      onSubmit={submit}
      onClose={onClose}
    >
      {(form) => (
        <>
          <Form.Item
            name="name"
            label={t('field.name')}
            rules={[
              { required: true, whitespace: true, message: t('common:required', { field: t('field.name') }) },
              { max: 100 },
            ]}
          >
            <Input autoComplete="off" autoFocus />
          </Form.Item>
          <Form.Item
            name="priority"
            label={t('field.priority')}
            rules={[{ required: true, message: t('common:required', { field: t('field.priority') }) }]}
          >
            <InputNumber min={1} max={9999} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="active" label={t('field.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="typeIds" label={t('field.types')} extra={t('anyHint')}>
            <EntriesSelect type="serviceType" />
          </Form.Item>
          <Form.Item name="regionIds" label={t('field.regions')}>
            <EntriesSelect type="region" />
          </Form.Item>
          <Form.Item name="levelIds" label={t('field.levels')}>
            <EntriesSelect type="customerLevel" />
          </Form.Item>
          <Form.Item name="strategy" label={t('field.strategy')} extra={<StrategyHelp />}>
            <Radio.Group
              optionType="button"
              options={ASSIGNMENT_STRATEGIES.map((s) => ({ value: s, label: t(`strategy.${s}`) }))}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['strategy']}>
            {() =>
              form.getFieldValue('strategy') !== 'customerManager' && (
                <Form.Item
                  name="assigneeIds"
                  label={t('field.assignees')}
                  rules={[
                    {
                      required: true,
                      type: 'array',
                      min: 1,
                      message: t('common:required', { field: t('field.assignees') }),
                    },
                  ]}
                >
                  <Select<number[]>
                    mode="multiple"
                    loading={managers.isPending}
                    showSearch={{ optionFilterProp: 'label' }}
                    options={options}
                  />
                </Form.Item>
              )
            }
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}
