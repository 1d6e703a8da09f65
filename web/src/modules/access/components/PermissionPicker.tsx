import { Checkbox, Col, Row, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePermissions, type PermissionInfo } from '../api.ts';

/** A role's permission set as checkboxes grouped by module, each group with an "all" box (a Form control). */
export function PermissionPicker({
  value = [],
  onChange,
  id,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
}) {
  const { t } = useTranslation('access');
  const permissions = usePermissions();
  if (!permissions.data) return <Spin />;

  const groups = new Map<string, PermissionInfo[]>();
  for (const p of permissions.data) groups.set(p.module, [...(groups.get(p.module) ?? []), p]);
  const selected = new Set(value);
  const setGroup = (codes: string[], on: boolean) => {
    const next = new Set(selected);
    for (const c of codes) {
      if (on) next.add(c);
      else next.delete(c);
    }
    onChange?.(permissions.data.map((p) => p.code).filter((c) => next.has(c)));
  };

  return (
    <div id={id} className="permission-picker">
      {[...groups].map(([module, items]) => {
        const codes = items.map((p) => p.code);
        const count = codes.filter((c) => selected.has(c)).length;
        return (
          <fieldset
            key={module}
            style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', margin: '0 0 12px' }}
          >
            <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>
              <Checkbox
                checked={count === codes.length}
                indeterminate={count > 0 && count < codes.length}
                onChange={(e) => setGroup(codes, e.target.checked)}
              >
                <Typography.Text strong>{t(`modules.${module}`, { defaultValue: module })}</Typography.Text>
              </Checkbox>
            </legend>
            <Row gutter={[8, 4]}>
              {items.map((p) => (
                <Col span={24} key={p.code}>
                  <Checkbox checked={selected.has(p.code)} onChange={(e) => setGroup([p.code], e.target.checked)}>
                    {t(`permissions.${p.code}`, { defaultValue: p.description })}{' '}
                    <Typography.Text type="secondary" code>
                      {p.code}
                    </Typography.Text>
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </fieldset>
        );
      })}
    </div>
  );
}
