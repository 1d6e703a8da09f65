import { OPPORTUNITY_LIMITS as L, type PlanItem } from '@crm/contracts';
import { DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { showSuccess } from '../../../app/feedback.ts';
import { handleFormError } from '../../../app/forms.ts';
import { useAddPlanItem, useUpdatePlanItem } from '../api.ts';

export type PlanItemEdit = { mode: 'add' } | { mode: 'edit' | 'result'; item: PlanItem };
type Fields = { date?: Dayjs; content?: string; result?: string };

/**
 * Adds a plan item (date and content, both required), edits its content, or records its result (执行效果). The
 * date of a saved item is shown but cannot change (SPEC 3.2).
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
  const { t } = useTranslation('marketing');
  const [form] = Form.useForm<Fields>();
  const add = useAddPlanItem(opportunityId);
  const update = useUpdatePlanItem(opportunityId);
  const mode = editing?.mode;

  useEffect(() => {
    if (!editing) return;
    if (editing.mode === 'add') form.setFieldsValue({ date: dayjs(), content: '' });
    else
      form.setFieldsValue({
        date: dayjs(editing.item.date),
        content: editing.item.content,
        result: editing.item.result ?? '',
      });
  }, [editing, form]);

  const submit = (v: Fields) => {
    const done = {
      onSuccess: () => (showSuccess('saved'), onClose()),
      onError: (e: unknown) => handleFormError(form, e),
    };
    if (!editing) return;
    if (editing.mode === 'add') add.mutate({ date: v.date!.format('YYYY-MM-DD'), content: v.content!.trim() }, done);
    else if (editing.mode === 'edit') update.mutate({ itemId: editing.item.id, content: v.content!.trim() }, done);
    else update.mutate({ itemId: editing.item.id, result: v.result?.trim() || null }, done);
  };
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common:required', { field }) });
  const title = mode === 'add' ? t('plan.addTitle') : mode === 'edit' ? t('plan.editTitle') : t('plan.resultTitle');

  return (
    <Modal
      open={!!editing}
      title={title}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending || update.isPending}
      destroyOnHidden
    >
      <Form<Fields> form={form} layout="vertical" onFinish={submit} name="plan-item">
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
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
