import type { Department } from '@crm/contracts';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../app/components/FormDialog.tsx';
import { useCreateDepartment, useUpdateDepartment } from '../api.ts';
import { DepartmentSelect } from './DepartmentSelect.tsx';
import { LeaderSelect } from './LeaderSelect.tsx';

type Fields = { name: string; parentId: number | null; leaderId: number | null };

/**
 * New department (under `parentId` if given), or — given `department` — rename, move or change its leader. The parent
 * picker offers neither the department itself nor anything below it (docs/organisation.md#departments, rule 3).
 */
export function DepartmentFormDialog({
  open,
  department,
  parentId,
  onClose,
}: {
  open: boolean;
  department?: Department;
  parentId?: number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('organisation');
  const create = useCreateDepartment();
  const update = useUpdateDepartment();

  const submit = (v: Fields, idempotencyKey: string) => {
    const body = { name: v.name, parentId: v.parentId ?? null, leaderId: v.leaderId ?? null };
    return department
      ? update.mutateAsync({ id: department.id, ...body })
      : create.mutateAsync({ ...body, idempotencyKey });
  };

  return (
    <FormDialog<Fields, Department>
      open={open}
      name="department"
      title={department ? t('edit') : t('create')}
      initialValues={
        department
          ? { name: department.name, parentId: department.parentId, leaderId: department.leaderId }
          : { name: '', parentId: parentId ?? null, leaderId: null }
      }
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item
        name="name"
        label={t('name')}
        rules={[
          { required: true, whitespace: true, message: t('common:required', { field: t('name') }) },
          { max: 100 },
        ]}
      >
        <Input autoFocus autoComplete="off" />
      </Form.Item>
      <Form.Item name="parentId" label={t('parent')} extra={t('parentHint')}>
        <DepartmentSelect without={department?.id} placeholder={t('topLevel')} />
      </Form.Item>
      <Form.Item name="leaderId" label={t('leader')}>
        <LeaderSelect />
      </Form.Item>
    </FormDialog>
  );
}
