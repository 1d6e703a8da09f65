import type {
  AssignmentRule,
  AssignmentRuleProblem,
  AssignmentRuleQuery,
  CreateAssignmentRuleBody,
  UpdateAssignmentRuleBody,
} from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { limitOffset, pageOf } from '../../platform/pagination.ts';
import { isActiveManager } from '../access/index.ts';
import * as repo from './repo.ts';

/** docs/assignment-rules.md#problems: what keeps a rule from working as written, for its page. */
function withProblems(rule: Omit<AssignmentRule, 'problems'>): AssignmentRule {
  const problems: AssignmentRuleProblem[] = rule.assignees
    .filter((a) => !a.active)
    .map((a) => ({ code: 'assigneeInactive', user: { id: a.id, displayName: a.displayName } }));
  if (rule.strategy !== 'customerManager' && !rule.assignees.some((a) => a.active))
    problems.push({ code: 'noActiveAssignee', user: null });
  return { ...rule, problems };
}

export async function listRules(db: Db, q: AssignmentRuleQuery) {
  const { limit, offset } = limitOffset(q);
  const { items, total } = await repo.listRules(db, limit, offset);
  return pageOf(items.map(withProblems), total, q);
}

async function loadRule(db: DbOrTx, id: number, lock = false) {
  const found = await repo.findRule(db, id, lock);
  if (!found) throw notFound('Assignment rule');
  return withProblems(found);
}

export const getRule = (db: DbOrTx, id: number) => loadRule(db, id);

type Detail = { path: string; message: string };

/**
 * docs/assignment-rules.md#rules, rules 1 and 2: every condition names entries of its dictionary type; the assignees
 * are active managers inside the author's services scope, each named once (only what is given is checked, so a
 * rule whose assignee left can still be switched off or renamed); `customerManager` takes no assignees, the others
 * at least one.
 */
async function check(tx: DbOrTx, ctx: Ctx, v: repo.RuleValues, given: { assigneeIds: boolean; conditions: boolean }) {
  const details: Detail[] = [];
  const types = [
    ['typeIds', 'serviceType', 'Not a service type'],
    ['regionIds', 'region', 'Not a region'],
    ['levelIds', 'customerLevel', 'Not a customer level'],
  ] as const;
  for (const [field, type, message] of given.conditions ? types : []) {
    const known = await repo.entriesOfType(tx, v[field], type);
    v[field].forEach((id, i) => {
      if (!known.has(id))
        details.push({ path: `conditions.${field}.${i}`, message: `${message} of the data dictionary` });
    });
    if (new Set(v[field]).size !== v[field].length)
      details.push({ path: `conditions.${field}`, message: 'An entry is named twice' });
  }
  if (given.assigneeIds) {
    const users = await repo.usersOf(tx, v.assigneeIds);
    for (const [i, id] of v.assigneeIds.entries()) {
      if (!users.has(id)) details.push({ path: `assigneeIds.${i}`, message: 'No such user' });
      else if (!(await isActiveManager(tx, id, { reader: ctx.actor, family: 'services' })))
        details.push({ path: `assigneeIds.${i}`, message: 'Not an active manager inside your data scope' });
    }
    if (new Set(v.assigneeIds).size !== v.assigneeIds.length)
      details.push({ path: 'assigneeIds', message: 'A person is named twice' });
  }
  if (v.strategy === 'customerManager' && v.assigneeIds.length)
    details.push({
      path: 'assigneeIds',
      message: 'customerManager gives each service to its customer’s manager: name nobody',
    });
  if (v.strategy !== 'customerManager' && !v.assigneeIds.length)
    details.push({ path: 'assigneeIds', message: 'Name at least one manager to assign to' });
  if (details.length) throw new AppError('VALIDATION_FAILED', details[0]!.message, details);
}

export async function createRule(db: Db, ctx: Ctx, body: CreateAssignmentRuleBody) {
  const values: repo.RuleValues = {
    name: body.name,
    active: body.active,
    priority: body.priority,
    typeIds: body.conditions.typeIds ?? [],
    regionIds: body.conditions.regionIds ?? [],
    levelIds: body.conditions.levelIds ?? [],
    strategy: body.strategy,
    assigneeIds: body.assigneeIds,
  };
  return db.transaction(async (tx) => {
    await check(tx, ctx, values, { assigneeIds: true, conditions: true });
    const id = await repo.insertRule(tx, values, ctx.now);
    const after = await loadRule(tx, id);
    await audit(tx, ctx, { action: 'create', entity: 'assignmentRule', entityId: id, after });
    return after;
  });
}

/** Changes what is given; a change of conditions replaces all three (absent ones mean any). */
export async function updateRule(db: Db, ctx: Ctx, id: number, body: UpdateAssignmentRuleBody) {
  return db.transaction(async (tx) => {
    const before = await loadRule(tx, id, true);
    const values: repo.RuleValues = {
      name: body.name ?? before.name,
      active: body.active ?? before.active,
      priority: body.priority ?? before.priority,
      typeIds: body.conditions ? (body.conditions.typeIds ?? []) : before.conditions.typeIds,
      regionIds: body.conditions ? (body.conditions.regionIds ?? []) : before.conditions.regionIds,
      levelIds: body.conditions ? (body.conditions.levelIds ?? []) : before.conditions.levelIds,
      strategy: body.strategy ?? before.strategy,
      assigneeIds: body.assigneeIds ?? before.assigneeIds,
    };
    await check(tx, ctx, values, {
      assigneeIds: body.assigneeIds !== undefined,
      conditions: body.conditions !== undefined,
    });
    await repo.updateRule(tx, id, values, ctx.now);
    const after = await loadRule(tx, id);
    await audit(tx, ctx, { action: 'update', entity: 'assignmentRule', entityId: id, before, after });
    return after;
  });
}

/** Services it assigned keep its name (docs/assignment-rules.md#assigning, rule 5). */
export async function deleteRule(db: Db, ctx: Ctx, id: number) {
  await db.transaction(async (tx) => {
    const before = await loadRule(tx, id, true);
    await repo.deleteRule(tx, id);
    await audit(tx, ctx, { action: 'delete', entity: 'assignmentRule', entityId: id, before });
  });
}
