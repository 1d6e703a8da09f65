import type { Department } from '@crm/contracts';

export type DepartmentNode = {
  key: number;
  value: number;
  title: string;
  department: Department;
  children: DepartmentNode[];
};

/**
 * The flat list of GET /departments as a tree for antd's `Tree` and `TreeSelect`; `without` leaves out a department
 * and everything below it (a department cannot move under itself or a descendant: docs/organisation.md#departments,
 * rule 3).
 */
export function departmentTree(departments: Department[], without?: number): DepartmentNode[] {
  const nodes = new Map<number, DepartmentNode>();
  for (const d of departments) nodes.set(d.id, { key: d.id, value: d.id, title: d.name, department: d, children: [] });
  const roots: DepartmentNode[] = [];
  for (const d of departments) {
    if (d.id === without) continue;
    const node = nodes.get(d.id)!;
    const parent = d.parentId === null ? undefined : nodes.get(d.parentId);
    if (parent) parent.children.push(node);
    else if (d.parentId === null) roots.push(node);
  }
  return roots;
}
