import type { DbOrTx } from '../../db/client.ts';
import * as repo from './handover-repo.ts';

/**
 * docs/organisation.md#transfer-and-handover, rule 1: the open churn warnings (warning, delayed) of transferred
 * customers follow them to their new manager. Runs inside the caller's transaction, after the customers are locked.
 */
export const followTransferredCustomers = (tx: DbOrTx, customerIds: number[], toManagerId: number) =>
  repo.moveOpenWarningsOfCustomers(tx, customerIds, toManagerId);

/**
 * docs/organisation.md#transfer-and-handover, rule 2: every open churn warning recorded for a leaving user goes to
 * the successor. Runs inside the handover's transaction; answers the ids moved.
 */
export const handOverChurnWarnings = (tx: DbOrTx, fromUserId: number, toUserId: number) =>
  repo.moveOpenWarningsOfManager(tx, fromUserId, toUserId);
