import type { CreateCustomerBody, Customer, CustomerDetailField, CustomerTextField, FormatKind } from '@crm/contracts';
import { CUSTOMER_DETAIL_FIELDS, CUSTOMER_LIMITS, isCustomerAmountField } from '@crm/contracts/values';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { StarsInput } from '../../../app/components/Stars.tsx';
import { useFormSubmit } from '../../../app/components/useFormSubmit.ts';
import { formatRule } from '../../../app/forms.ts';
import { showSuccess } from '../../../app/feedback.ts';
import { confirmDiscard } from '../../../app/unsaved.tsx';
import { useCan, useUser } from '../../../app/session.tsx';
import { useDictionaryEntries } from '../../dictionary/api.ts';
import { useCreateCustomer, useManagers, useUpdateCustomer } from '../api.ts';

type Fields = Omit<CreateCustomerBody, 'managerId'> & { managerId: number };

const FIELDS = [
  'name',
  'creditCode',
  'regionId',
  'managerId',
  'levelId',
  'satisfaction',
  'credit',
  ...CUSTOMER_DETAIL_FIELDS,
] as const;

/**
 * Format rules of the text fields (issue 14, item 4): the contracts' checks, so the form refuses what the API would.
 */
const FORMATS: Partial<Record<CustomerTextField, FormatKind>> = {
  postcode: 'postcode',
  phone: 'phone',
  fax: 'phone',
  website: 'website',
};

/**
 * The customer record's form (docs/product.md#customers, rule 3): fields marked * are required whenever it is saved. A
 * new customer (no
 * `customer`), or the edit of an existing one that the page shows read-only until its Edit (issue 14, item 3);
 * leaving with unsaved edits asks first.
 */
export function CustomerForm({
  customer,
  onSaved,
  onCancel,
}: {
  customer?: Customer;
  onSaved: (c: Customer) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('customers');
  const user = useUser();
  const can = useCan();
  const [form] = Form.useForm<Fields>();
  const regions = useDictionaryEntries('region');
  const levels = useDictionaryEntries('customerLevel');
  const forAnyManager = can('customer.all');
  const managers = useManagers(forAnyManager && can('assignee.read'));
  const create = useCreateCustomer();
  const update = useUpdateCustomer(customer?.id ?? 0);

  const sender = useFormSubmit<Fields, Customer>(form, {
    initialValues: customer
      ? (Object.fromEntries(FIELDS.map((f) => [f, customer[f]])) as Partial<Fields>)
      : ({ managerId: user.id } as Partial<Fields>),
    submit: (v, idempotencyKey) => {
      const body = { ...v, registeredCapital: v.registeredCapital ?? null, annualTurnover: v.annualTurnover ?? null };
      return customer
        ? update.mutateAsync({ ...body, version: customer.version })
        : create.mutateAsync({ ...body, idempotencyKey });
    },
    onSuccess: (c) => {
      showSuccess('saved');
      onSaved(c);
    },
  });
  const cancel = async () => {
    if (!sender.dirty || (await confirmDiscard(t))) onCancel?.();
  };

  const managerOptions = [
    ...(managers.data ?? []).map((m) => ({ value: m.id, label: m.displayName })),
    ...(customer?.manager && !managers.data?.some((m) => m.id === customer.managerId)
      ? [{ value: customer.manager.id, label: customer.manager.displayName }]
      : []),
    ...(!customer && !managers.data?.some((m) => m.id === user.id)
      ? [{ value: user.id, label: user.displayName }]
      : []),
  ];

  const required = (field: string) => ({
    required: true,
    message: t('common:required', { field: t(`fields.${field}`) }),
  });
  /** A detail: an amount as a number, the rest as text with its format rule (`FORMATS`). */
  const detail = (name: CustomerDetailField) => {
    if (isCustomerAmountField(name))
      return (
        <Col xs={24} md={12} xl={8} key={name}>
          <Form.Item name={name} label={t(`fields.${name}`)}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      );
    const format = FORMATS[name];
    return (
      <Col xs={24} md={12} xl={8} key={name}>
        <Form.Item
          name={name}
          label={t(`fields.${name}`)}
          rules={[{ max: CUSTOMER_LIMITS.text }, ...(format ? [formatRule(format)] : [])]}
        >
          <Input allowClear inputMode={format === 'phone' ? 'tel' : format === 'website' ? 'url' : undefined} />
        </Form.Item>
      </Col>
    );
  };

  return (
    <Form<Fields> name="customer" layout="vertical" {...sender.formProps}>
      <Row gutter={16}>
        {customer && (
          <Col xs={24} md={12} xl={8}>
            <Form.Item label={t('fields.number')} htmlFor="customer_number">
              <Input id="customer_number" value={customer.number} disabled />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12} xl={8}>
          <Form.Item
            name="name"
            label={t('fields.name')}
            rules={[{ ...required('name'), whitespace: true }, { max: 100 }]}
          >
            <Input autoFocus={!customer} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item
            name="creditCode"
            label={t('fields.creditCode')}
            rules={[{ max: CUSTOMER_LIMITS.creditCode }, formatRule('creditCode')]}
          >
            <Input allowClear maxLength={CUSTOMER_LIMITS.creditCode} style={{ textTransform: 'uppercase' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="regionId" label={t('fields.region')} rules={[required('region')]}>
            <Select
              loading={regions.isLoading}
              options={(regions.data ?? []).map((e) => ({ value: e.id, label: e.item }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="managerId" label={t('fields.manager')} rules={[required('manager')]}>
            <Select disabled={!forAnyManager} options={managerOptions} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="levelId" label={t('fields.level')} rules={[required('level')]}>
            <Select
              loading={levels.isLoading}
              options={(levels.data ?? []).map((e) => ({ value: e.id, label: e.item }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Form.Item name="satisfaction" label={t('fields.satisfaction')} rules={[required('satisfaction')]}>
            <StarsInput />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Form.Item name="credit" label={t('fields.credit')} rules={[required('credit')]}>
            <StarsInput />
          </Form.Item>
        </Col>
        {CUSTOMER_DETAIL_FIELDS.map(detail)}
      </Row>
      <Space wrap>
        <Button type="primary" htmlType="submit" {...sender.submitProps}>
          {t('common:actions.save')}
        </Button>
        {onCancel && <Button onClick={() => void cancel()}>{t('common:actions.cancel')}</Button>}
      </Space>
    </Form>
  );
}
