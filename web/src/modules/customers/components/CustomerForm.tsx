import type { CreateCustomerBody, Customer } from '@crm/contracts';
import { Alert, Button, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { StarsInput } from '../../../app/components/Stars.tsx';
import { handleFormError } from '../../../app/forms.ts';
import { showSuccess } from '../../../app/feedback.ts';
import { useCan, useUser } from '../../../app/session.tsx';
import { useDictionaryEntries } from '../../dictionary/api.ts';
import { useCreateCustomer, useManagers, useUpdateCustomer } from '../api.ts';

type Fields = Omit<CreateCustomerBody, 'managerId'> & { managerId: number };

const TEXT_FIELDS = [
  'address',
  'postcode',
  'phone',
  'fax',
  'website',
  'licenceNo',
  'legalRepresentative',
  'bank',
  'bankAccount',
  'localTaxNo',
  'nationalTaxNo',
] as const;

/**
 * The customer record (SPEC 4.1): fields marked * are required whenever it is saved. New (no `customer`) or the
 * details of an existing one; read-only for a lost customer or for someone who may not edit it.
 */
export function CustomerForm({ customer, onCreated }: { customer?: Customer; onCreated?: (c: Customer) => void }) {
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

  const lost = customer?.status === 'lost';
  const mayEdit = customer
    ? can('customer.edit') && (forAnyManager || customer.managerId === user.id)
    : can('customer.create');
  const readOnly = lost || !mayEdit;

  useEffect(() => {
    if (customer) form.setFieldsValue(customer as unknown as Fields);
    else form.setFieldsValue({ managerId: user.id } as Fields);
  }, [customer, form, user.id]);

  const managerOptions = [
    ...(managers.data ?? []).map((m) => ({ value: m.id, label: m.displayName })),
    ...(customer && !managers.data?.some((m) => m.id === customer.managerId)
      ? [{ value: customer.managerId, label: customer.manager.displayName }]
      : []),
    ...(!customer && !managers.data?.some((m) => m.id === user.id)
      ? [{ value: user.id, label: user.displayName }]
      : []),
  ];

  const submit = (v: Fields) => {
    const body = { ...v, registeredCapital: v.registeredCapital ?? null, annualTurnover: v.annualTurnover ?? null };
    const onError = (e: unknown) => handleFormError(form, e);
    if (customer)
      update.mutate({ ...body, version: customer.version }, { onSuccess: () => showSuccess('saved'), onError });
    else create.mutate(body, { onSuccess: (c) => (showSuccess('saved'), onCreated?.(c)), onError });
  };

  const required = (field: string) => ({
    required: true,
    message: t('common:required', { field: t(`fields.${field}`) }),
  });
  const text = (name: (typeof TEXT_FIELDS)[number], max = 200) => (
    <Col xs={24} md={12} xl={8} key={name}>
      <Form.Item name={name} label={t(`fields.${name}`)} rules={[{ max }]}>
        <Input allowClear />
      </Form.Item>
    </Col>
  );

  return (
    <>
      {lost && <Alert type="warning" showIcon title={t('detail.readOnlyLost')} style={{ marginBottom: 16 }} />}
      {!lost && customer && !mayEdit && (
        <Alert type="info" showIcon title={t('detail.readOnlyNotMine')} style={{ marginBottom: 16 }} />
      )}
      {customer &&
        mayEdit &&
        !lost &&
        (customer.regionId === null ||
          customer.levelId === null ||
          customer.satisfaction === null ||
          customer.credit === null) && (
          <Alert type="info" showIcon title={t('detail.incomplete')} style={{ marginBottom: 16 }} />
        )}
      <Form<Fields> form={form} name="customer" layout="vertical" onFinish={submit} disabled={readOnly}>
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
            <Form.Item name="regionId" label={t('fields.region')} rules={[required('region')]}>
              <Select
                loading={regions.isLoading}
                options={(regions.data ?? []).map((e) => ({ value: e.id, label: e.item }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="managerId" label={t('fields.manager')} rules={[required('manager')]}>
              <Select
                disabled={readOnly || !forAnyManager}
                options={managerOptions}
                showSearch={{ optionFilterProp: 'label' }}
              />
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
          {TEXT_FIELDS.slice(0, 7).map((f) => text(f))}
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="registeredCapital" label={t('fields.registeredCapital')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="annualTurnover" label={t('fields.annualTurnover')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {TEXT_FIELDS.slice(7).map((f) => text(f))}
        </Row>
        {!readOnly && (
          <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
            {t('common:actions.save')}
          </Button>
        )}
      </Form>
    </>
  );
}
