import type { AssigneeFamily } from '@crm/contracts';
import { Select, type SelectProps } from 'antd';
import { useAssignees } from '../api.ts';

/** What a dialog that gives work to a manager takes besides its record: whether it reassigns, and how it closes. */
export type AssignDialogProps = { reassign?: boolean; onClose: () => void };

/**
 * A choice of one active customer manager to give work to, searchable by name: only managers inside the user's scope
 * for `family`, the family of the work (docs/organisation.md#data-scope, rule 5); `except` leaves out the one who has
 * it now (a reassignment). Mounted only where the user may give work (`assignee.read`): in an open dialog.
 */
export function AssigneeSelect({
  family,
  except,
  ...props
}: Omit<SelectProps<number>, 'options'> & { family: AssigneeFamily; except?: number }) {
  const assignees = useAssignees(family);
  return (
    <Select<number>
      showSearch={{ optionFilterProp: 'label' }}
      loading={assignees.isPending}
      options={(assignees.data ?? [])
        .filter((a) => a.id !== except)
        .map((a) => ({ value: a.id, label: a.displayName }))}
      {...props}
    />
  );
}
