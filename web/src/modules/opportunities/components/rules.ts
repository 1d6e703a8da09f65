import type { Opportunity, SessionUser } from '@crm/contracts';

/**
 * What the signed-in user may do with an opportunity, to show only the actions that would work. The server decides
 * (docs/product.md#opportunities, rule 3 and #development-plans, rules 2 and 7); these mirror its rules.
 */
export function opportunityActions(o: Opportunity, user: SessionUser) {
  const can = (p: string) => user.permissions.includes(p);
  const director = can('opportunity.all');
  const unassigned = o.status === 'unassigned';
  const assigned = o.status === 'assigned';
  const responsible = director || o.assignee?.id === user.id;
  return {
    edit: unassigned && can('opportunity.edit') && (director || o.createdBy.id === user.id),
    assign: unassigned && can('opportunity.assign'),
    plan: assigned && can('plan.manage') && responsible,
    close: assigned && can('opportunity.close') && responsible,
  };
}
