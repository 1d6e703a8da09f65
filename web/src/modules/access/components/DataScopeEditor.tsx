import type { DataScopeValue } from '@crm/contracts';
import { DATA_SCOPES, SCOPE_FAMILIES } from '@crm/contracts/values';
import { Col, Form, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../../app/session.tsx';

/**
 * A role's data scope, one Select per record family (docs/organisation.md#data-scope, rules 1 and 7), as fields
 * `dataScope.<family>` of the surrounding form. Scopes wider than the editor's own are offered disabled: the server
 * refuses them (403). `placeholder`: what an empty Select means (a new role: as its permissions imply).
 */
export function DataScopeEditor({ placeholder }: { placeholder?: string }) {
  const { t } = useTranslation('access');
  const own = useUser().dataScope;
  return (
    <Row gutter={16}>
      {SCOPE_FAMILIES.map((family) => (
        <Col xs={24} sm={12} key={family}>
          <Form.Item name={['dataScope', family]} label={t(`scope.families.${family}`)}>
            <Select<DataScopeValue>
              allowClear={!!placeholder}
              placeholder={placeholder}
              options={DATA_SCOPES.map((scope) => ({
                value: scope,
                label: t(`scope.values.${scope}`),
                disabled: DATA_SCOPES.indexOf(scope) > DATA_SCOPES.indexOf(own[family]),
              }))}
            />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
