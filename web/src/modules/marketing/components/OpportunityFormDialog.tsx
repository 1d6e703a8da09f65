import { OPPORTUNITY_LIMITS as L, type Opportunity } from '@crm/contracts';
import { Form, Input, InputNumber, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { showSuccess } from '../../../app/feedback.ts';
import { handleFormError } from '../../../app/forms.ts';
import { useCreateOpportunity, useUpdateOpportunity } from '../api.ts';

type Fields = {
  source?: string;
  customerName: string;
  successRate: number;
  summary: string;
  contactName?: string;
  contactPhone?: string;
  description: string;
};

/**
 * New opportunity, or edit of an unassigned one (SPEC 3.1 rules 1 and 3). Creator and times are the server's; an edit
 * sends the version it was based on, so a change made meanwhile is refused rather than overwritten.
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
  const { t } = useTranslation('marketing');
  const [form] = Form.useForm<Fields>();
  const create = useCreateOpportunity();
  const update = useUpdateOpportunity();

  useEffect(() => {
    if (!open) return;
    if (opportunity) {
      const { source, customerName, successRate, summary, contactName, contactPhone, description } = opportunity;
      form.setFieldsValue({
        source: source ?? '',
        customerName,
        successRate,
        summary,
        contactName: contactName ?? '',
        contactPhone: contactPhone ?? '',
        description,
      });
    } else form.resetFields();
  }, [open, opportunity, form]);

  const submit = (v: Fields) => {
    const done = {
      onSuccess: () => (showSuccess('saved'), onClose()),
      onError: (e: unknown) => handleFormError(form, e),
    };
    const body = {
      ...v,
      source: v.source || null,
      contactName: v.contactName || null,
      contactPhone: v.contactPhone || null,
    };
    if (opportunity) update.mutate({ id: opportunity.id, version: opportunity.version, ...body }, done);
    else create.mutate(body, done);
  };
  const field = (key: keyof Fields) => t(`field.${key}`);
  const required = (key: keyof Fields) => ({
    required: true,
    whitespace: true,
    message: t('common:required', { field: field(key) }),
  });

  return (
    <Modal
      open={open}
      title={opportunity ? t('form.editTitle') : t('form.createTitle')}
      okText={t('common:actions.save')}
      cancelText={t('common:actions.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Fields> form={form} layout="vertical" onFinish={submit} name="opportunity">
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
          <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="summary" label={field('summary')} rules={[required('summary'), { max: L.summary }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <div className="form-pair">
          <Form.Item
            name="contactName"
            label={field('contactName')}
            rules={[{ max: L.contactName }]}
            style={{ flex: 1 }}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label={field('contactPhone')}
            rules={[{ max: L.contactPhone }]}
            style={{ flex: 1 }}
          >
            <Input autoComplete="off" />
          </Form.Item>
        </div>
        <Form.Item
          name="description"
          label={field('description')}
          rules={[required('description'), { max: L.description }]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
