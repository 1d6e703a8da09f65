import type { PlanItem } from '@crm/contracts';
import { OPPORTUNITY_LIMITS as L } from '@crm/contracts/values';
import { DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { useAddPlanItem, useUpdatePlanItem } from '../api.ts';

export type PlanItemEdit = { mode: 'add' } | { mode: 'edit' | 'result'; item: PlanItem };
type Fields = { date?: Dayjs; content?: string; result?: string };

/**
 * Adds a plan item (date and content, both required), edits its content, or records its result (执行效果). The
 * date of a saved item is shown but cannot change (docs/product.md#development-plans, rule 3).
 */
export function PlanItemDialog({
  opportunityId,
  editing,
  onClose,
}: {
  opportunityId: number;
  editing?: PlanItemEdit;
  onClose: () => void;
}) {
  const { t } = useTranslation('opportunities');
  const add = useAddPlanItem(opportunityId);
  const update = useUpdatePlanItem(opportunityId);
  const mode = editing?.mode;

  const submit = (v: Fields, idempotencyKey: string): Promise<PlanItem> => {
    if (!editing || editing.mode === 'add')
      return add.mutateAsync({ date: v.date!.format('YYYY-MM-DD'), content: v.content!.trim(), idempotencyKey });
    if (editing.mode === 'edit') return update.mutateAsync({ itemId: editing.item.id, content: v.content!.trim() });
    return update.mutateAsync({ itemId: editing.item.id, result: v.result?.trim() || null });
  };
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common:required', { field }) });
  const title = mode === 'add' ? t('plan.addTitle') : mode === 'edit' ? t('plan.editTitle') : t('plan.resultTitle');

  return (
    <FormDialog<Fields, PlanItem>
      open={!!editing}
      name="plan-item"
      title={title}
      initialValues={
        !editing || editing.mode === 'add'
          ? { date: dayjs(), content: '' }
          : { date: dayjs(editing.item.date), content: editing.item.content, result: editing.item.result ?? '' }
      }
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item
        name="date"
        label={t('plan.date')}
        extra={mode !== 'add' ? t('plan.dateFixed') : undefined}
        rules={mode === 'add' ? [{ required: true, message: t('common:required', { field: t('plan.date') }) }] : []}
      >
        <DatePicker disabled={mode !== 'add'} autoFocus={mode === 'add'} allowClear={false} />
      </Form.Item>
      <Form.Item
        name="content"
        label={t('plan.content')}
        rules={mode === 'result' ? [] : [required(t('plan.content')), { max: L.planContent }]}
      >
        <Input.TextArea rows={3} disabled={mode === 'result'} autoFocus={mode === 'edit'} />
      </Form.Item>
      {mode === 'result' && (
        <Form.Item name="result" label={t('plan.result')} rules={[{ max: L.planResult }]}>
          <Input.TextArea rows={3} autoFocus />
        </Form.Item>
      )}
    </FormDialog>
  );
}
