import type { DbOrTx } from '../../db/client.ts';
import * as repo from './repo.ts';

export type Choice = { rule: { id: number; name: string }; assigneeId: number };

/**
 * docs/assignment-rules.md#assigning: the first active rule, by priority, whose conditions the new service meets and
 * that has someone to give it to, and whom it gives it to. Runs inside the creating transaction; null when no rule
 * applies (the service stays `new` for a director).
 */
export async function chooseAssignee(tx: DbOrTx, serviceId: number): Promise<Choice | null> {
  for (const c of await repo.matchingRules(tx, serviceId)) {
    // rule 3: an assignee who is no longer an active manager is skipped; a rule left with nobody passes on
    if (!c.people.length) continue;
    const rule = { id: c.ruleId, name: c.name };
    if (c.strategy === 'customerManager') return { rule, assigneeId: c.people[0]! };
    // rule 4: the turn is taken on the rule's row, which stays locked until the service is committed
    const turn = await repo.takeTurn(tx, c.ruleId);
    const start = turn % c.people.length;
    const inTurn = [...c.people.slice(start), ...c.people.slice(0, start)];
    if (c.strategy === 'roundRobin') return { rule, assigneeId: inTurn[0]! };
    // leastOpen: fewest `assigned` services; a tie goes to the one whose turn comes first
    const open = await repo.openCounts(tx, c.people);
    const fewest = inTurn.reduce((best, id) => ((open.get(id) ?? 0) < (open.get(best) ?? 0) ? id : best));
    return { rule, assigneeId: fewest };
  }
  return null;
}
