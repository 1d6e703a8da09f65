import type { DbOrTx } from '../../db/client.ts';
import * as repo from './handover-repo.ts';

/**
 * docs/organisation.md#transfer-and-handover, rule 2: every `assigned` opportunity of a leaving user goes to the
 * successor; unassigned, succeeded and failed ones stay as they are. Runs inside the handover's transaction.
 */
export const handOverOpportunities = (tx: DbOrTx, fromUserId: number, toUserId: number, now: Date) =>
  repo.moveAssignedOpportunities(tx, fromUserId, toUserId, now);
