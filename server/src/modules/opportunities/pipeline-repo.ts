import { sql, type SQL } from 'drizzle-orm';
import type { OpportunityRecord, StageMove, StageRef } from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { byDictionaryValue, rows } from '../../db/sql.ts';
import { opportunityInScope, type Reader } from '../../platform/scope.ts';
import { opportunityColumns, opportunityFrom } from './repo.ts';

/** The SQL of the pipeline (docs/pipeline.md): stages, their moves, the board and bulk assignment. */

export const STAGE_TYPE = 'opportunityStage';

/** Ids as one array parameter. */
const intArray = (ids: number[]) => sql`${`{${ids.map((i) => Math.trunc(i)).join(',')}}`}::int[]`;

/** The stages in their order (docs/pipeline.md#stages, rule 1). */
export const listStages = (db: DbOrTx) =>
  rows<StageRef>(
    db,
    sql`select d.id, d.item from dictionary_entries d where d.type = ${STAGE_TYPE} order by ${byDictionaryValue('d')}`,
  );

/** The first stage, where an assignment starts (docs/pipeline.md#stages, rule 2); null when there is none. */
export async function firstStage(db: DbOrTx): Promise<number | null> {
  const [row] = await rows<{ id: number }>(
    db,
    sql`select d.id from dictionary_entries d where d.type = ${STAGE_TYPE} order by ${byDictionaryValue('d')} limit 1`,
  );
  return row?.id ?? null;
}

/** Moves an assigned opportunity to `stageId`; answers whether it did (it was still assigned). */
export async function setStageWhileAssigned(db: DbOrTx, id: number, stageId: number) {
  const done = await rows<{ id: number }>(
    db,
    sql`update opportunities set stage_id = ${stageId}, version = version + 1
        where id = ${id} and status = 'assigned' returning id`,
  );
  return done.length > 0;
}

export type NewMove = { opportunityId: number; fromStageId: number | null; toStageId: number; at: Date; byId: number };

export async function insertMoves(db: DbOrTx, moves: NewMove[]) {
  if (!moves.length) return;
  const values = moves.map(
    (m) =>
      sql`(${m.opportunityId}, ${m.fromStageId}::int, ${m.toStageId}, ${m.at.toISOString()}::timestamptz, ${m.byId})`,
  );
  await db.execute(
    sql`insert into opportunity_stage_moves (opportunity_id, from_stage_id, to_stage_id, at, by_id)
        values ${sql.join(values, sql`, `)}`,
  );
}

/** The moves in the order they were made; none when the opportunity is outside the reader's scope. */
export const stageHistory = (db: DbOrTx, opportunityId: number, reader: Reader) =>
  rows<StageMove>(
    db,
    sql`select m.at,
          case when f.id is null then null else json_build_object('id', f.id, 'item', f.item) end as "from",
          json_build_object('id', t.id, 'item', t.item) as "to",
          json_build_object('id', u.id, 'displayName', u.display_name) as "by"
        from opportunity_stage_moves m
        left join dictionary_entries f on f.id = m.from_stage_id
        join dictionary_entries t on t.id = m.to_stage_id
        join users u on u.id = m.by_id
        where m.opportunity_id = ${opportunityId}
          and exists (select 1 from opportunities o where o.id = ${opportunityId} and ${opportunityInScope(reader)})
        order by m.at, m.id`,
  );

// ---- the board (docs/pipeline.md#board) ----

export type BoardFilter = { assigneeId?: number; closeFrom?: string; closeTo?: string };

/** Assigned, in the reader's scope, and matching the filters: the board's condition on `o`. */
const onBoard = (reader: Reader, f: BoardFilter): SQL => sql`o.status = 'assigned' and ${opportunityInScope(reader)}
  ${f.assigneeId !== undefined ? sql`and o.assignee_id = ${f.assigneeId}` : sql``}
  ${f.closeFrom ? sql`and o.expected_close_date >= ${f.closeFrom}::date and o.expected_close_date < ${f.closeTo}::date` : sql``}`;

/**
 * Each stage's exact count and amount: without a close-date filter a sum over the kept totals (migration 0033, a few
 * thousand rows whatever the number of opportunities), with one in one pass over the board's opportunities
 * (opportunities_board_idx).
 */
export const boardTotals = (db: DbOrTx, reader: Reader, f: BoardFilter) =>
  rows<{ stageId: number; count: number; amount: number }>(
    db,
    f.closeFrom
      ? sql`select o.stage_id as "stageId", count(*)::int as count, coalesce(sum(o.expected_amount), 0)::float8 as amount
            from opportunities o where ${onBoard(reader, f)} and o.stage_id is not null group by o.stage_id`
      : sql`select t.stage_id as "stageId", sum(t.n)::int as count, sum(t.amount)::float8 as amount
            from opportunity_totals t
            where t.status = 'assigned' and t.stage_id <> 0 and ${opportunityInScope(reader, 't', 'hash')}
              ${f.assigneeId !== undefined ? sql`and t.assignee_id = ${f.assigneeId}` : sql``}
            group by t.stage_id having sum(t.n) > 0`,
  );

/**
 * Each stage's first `limit` cards, soonest close date first (no date last): one index range per column (a lateral
 * query per stage over opportunities_board_idx), so the board costs the same over 500 or 50,000 opportunities.
 */
export const boardCards = (db: DbOrTx, reader: Reader, f: BoardFilter, limit: number) =>
  rows<OpportunityRecord>(
    db,
    sql`select card.* from dictionary_entries d
        cross join lateral (
          select ${opportunityColumns} ${opportunityFrom}
          where o.stage_id = d.id and ${onBoard(reader, f)}
          order by o.expected_close_date nulls last, o.id
          limit ${limit}
        ) card
        where d.type = ${STAGE_TYPE}`,
  );

// ---- bulk assignment (docs/pipeline.md#bulk-assignment) ----

/**
 * Locks those of `ids` inside the reader's scope, in id order (two bulk assignments over the same rows queue rather
 * than deadlock), and answers their status.
 */
export const lockMany = (db: DbOrTx, ids: number[], reader: Reader) =>
  rows<{ id: number; status: string }>(
    db,
    sql`select o.id, o.status from opportunities o
        where o.id = any(${intArray(ids)}) and ${opportunityInScope(reader)}
        order by o.id for update`,
  );

/** Assigns those of `ids` still unassigned at the first stage; answers the ids it assigned. */
export async function assignMany(db: DbOrTx, ids: number[], assigneeId: number, at: Date, stageId: number | null) {
  if (!ids.length) return [];
  const done = await rows<{ id: number }>(
    db,
    sql`update opportunities set status = 'assigned', assignee_id = ${assigneeId}, assigned_at = ${at.toISOString()}::timestamptz,
          stage_id = ${stageId}::int, version = version + 1
        where id = any(${intArray(ids)}) and status = 'unassigned'
        returning id`,
  );
  return done.map((r) => r.id);
}

/** The records of `ids` inside the reader's scope (for the audit log), by id. */
export async function findMany(db: DbOrTx, ids: number[], reader: Reader) {
  if (!ids.length) return new Map<number, OpportunityRecord>();
  const found = await rows<OpportunityRecord>(
    db,
    sql`select ${opportunityColumns} ${opportunityFrom}
        where o.id = any(${intArray(ids)}) and ${opportunityInScope(reader)}`,
  );
  return new Map(found.map((r) => [r.id, r]));
}
