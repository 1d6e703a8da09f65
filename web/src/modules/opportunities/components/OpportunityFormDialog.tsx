import type { Opportunity } from '@crm/contracts';
import { EXPECTED_AMOUNT_MAX, OPPORTUNITY_LIMITS as L } from '@crm/contracts/values';
import { DatePicker, Form, Input, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { formatRule } from '../../../app/forms.ts';
import { useCreateOpportunity, useUpdateOpportunity } from '../api.ts';

type Fields = {
  source?: string;
  customerName: string;
  successRate: number;
  summary: string;
  contactName?: string;
  contactPhone?: string;
  description: string;
  expectedAmount?: number | null;
  expectedCloseDate?: Dayjs | null;
};

/**
 * New opportunity, or edit of an unassigned one (docs/product.md#opportunities, rules 1 and 3 and 3). Creator and times
 * are the server's; an edit sends the version it was based on, so a change made meanwhile is refused rather than
 * overwritten.
 */
export function OpportunityFormDialog({
  open,
  opportunity,
  onClose,
}: {
  open: boolean;
  opportunity?: Opportunity;
  onClose: () => void;
}) {
  const { t } = useTranslation('opportunities');
  const create = useCreateOpportunity();
  const update = useUpdateOpportunity();

  const submit = (v: Fields, idempotencyKey: string) => {
    const body = {
      ...v,
      source: v.source || null,
      contactName: v.contactName || null,
      contactPhone: v.contactPhone || null,
      expectedAmount: v.expectedAmount ?? null,
      expectedCloseDate: v.expectedCloseDate ? v.expectedCloseDate.format('YYYY-MM-DD') : null,
    };
    return opportunity
      ? update.mutateAsync({ id: opportunity.id, version: opportunity.version, ...body })
      : create.mutateAsync({ ...body, idempotencyKey });
  };
  const field = (key: keyof Fields) => t(`field.${key}`);
  const required = (key: keyof Fields) => ({
    required: true,
    whitespace: true,
    message: t('common:required', { field: field(key) }),
  });
  const o = opportunity;

  return (
    <FormDialog<Fields, Opportunity>
      open={open}
      name="opportunity"
      width={640}
      title={o ? t('form.editTitle') : t('form.createTitle')}
      initialValues={
        o
          ? {
              source: o.source ?? '',
              customerName: o.customerName,
              successRate: o.successRate,
              summary: o.summary,
              contactName: o.contactName ?? '',
              contactPhone: o.contactPhone ?? '',
              description: o.description,
              expectedAmount: o.expectedAmount,
              expectedCloseDate: o.expectedCloseDate ? dayjs(o.expectedCloseDate) : null,
            }
          : undefined
      }
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item
        name="customerName"
        label={field('customerName')}
        rules={[required('customerName'), { max: L.customerName }]}
      >
        <Input autoFocus autoComplete="off" />
      </Form.Item>
      <Form.Item name="source" label={field('source')} rules={[{ max: L.source }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="successRate"
        label={field('successRate')}
        extra={t('form.successRateHint')}
        rules={[
          { required: true, message: t('common:required', { field: field('successRate') }) },
          { type: 'integer', min: 0, max: 100, message: t('form.wholeNumber') },
        ]}
      >
        {/* no min/max here: 150 stays 150 and the rule says what is wrong, rather than quietly becoming 100 */}
        <InputNumber precision={0} suffix="%" style={{ width: 160 }} />
      </Form.Item>
      <PipelineFields createdAt={o?.createdAt} />
      <Form.Item name="summary" label={field('summary')} rules={[required('summary'), { max: L.summary }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <div className="form-pair">
        <Form.Item name="contactName" label={field('contactName')} rules={[{ max: L.contactName }]} style={{ flex: 1 }}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={field('contactPhone')}
          rules={[{ max: L.contactPhone }, formatRule('phone')]}
          style={{ flex: 1 }}
        >
          <Input autoComplete="off" inputMode="tel" />
        </Form.Item>
      </div>
      <Form.Item
        name="description"
        label={field('description')}
        rules={[required('description'), { max: L.description }]}
      >
        <Input.TextArea rows={4} />
      </Form.Item>
    </FormDialog>
  );
}

/**
 * 预计金额 and 预计成交日期 (docs/pipeline.md#fields): yuan, not negative, two decimals; a date not before the day the
 * opportunity was created (today for a new one).
 */
export function PipelineFields({ createdAt }: { createdAt?: string }) {
  const { t } = useTranslation('opportunities');
  const first = dayjs(createdAt).startOf('day');
  return (
    <div className="form-pair">
      <Form.Item
        name="expectedAmount"
        label={t('field.expectedAmount')}
        rules={[{ type: 'number', min: 0, max: EXPECTED_AMOUNT_MAX, message: t('form.amountRule') }]}
        style={{ flex: 1 }}
      >
        <InputNumber precision={2} suffix={t('form.yuan')} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="expectedCloseDate"
        label={t('field.expectedCloseDate')}
        rules={[
          {
            validator: (_, v?: Dayjs | null) =>
              !v || !v.isBefore(first, 'day') ? Promise.resolve() : Promise.reject(new Error(t('form.closeDateRule'))),
          },
        ]}
        style={{ flex: 1 }}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(first, 'day')} />
      </Form.Item>
    </div>
  );
}
