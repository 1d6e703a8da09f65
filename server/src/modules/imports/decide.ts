import type { ImportRowError } from '@crm/contracts';
import type { Match } from './repo.ts';
import { asChanges, asNewCustomer, readRow, type Issue, type Plan, type ReadRow } from './rows.ts';

/**
 * What a row's decision needs besides the database: its cells read through the plan and, where the mode may create,
 * checked as a new customer. Worked out once per row — by the run ahead of the row's batch, while the batch before
 * is in the database (docs/imports.md, rule 6).
 */
export type ReadyRow = { read: ReadRow; asNew: ReturnType<typeof asNewCustomer> | null };

export function readyRow(plan: Plan, cells: string[]): ReadyRow {
  const read = readRow(plan, cells);
  const width = read.issues.some((i) => i.code === 'ROW_WIDTH');
  return { read, asNew: plan.mode === 'update' || width ? null : asNewCustomer(plan, read) };
}

/**
 * What becomes of one row (docs/imports.md, rule 5), decided the same way by the check and by the run: created,
 * updated, skipped as a duplicate (inside the file, or of an existing customer in `create` mode) or failed.
 */
export type Decision =
  | { kind: 'create'; key: string | null; values: Extract<ReturnType<typeof asNewCustomer>, { values: unknown }> }
  | { kind: 'update'; key: string | null; customerId: number; changes: Record<string, unknown> }
  | { kind: 'duplicate'; key: string | null; issue: Issue }
  | { kind: 'invalid'; key: string | null; issues: Issue[] };

const MATCH_LABEL = { creditCode: '统一社会信用代码 (credit code)', number: 'customer number', name: 'name' } as const;

export function decide(
  plan: Plan,
  ready: ReadyRow,
  /** The customers the row's key names. */
  matches: (key: string) => Match[] | undefined,
  /** Whether an earlier row of the file has the same key (and was or will be imported). */
  seenBefore: (key: string) => boolean,
): Decision {
  const { read } = ready;
  const { key } = read;
  // a row of another width is not read further: its cells may sit under the wrong headers
  if (read.issues.some((i) => i.code === 'ROW_WIDTH')) return { kind: 'invalid', key: null, issues: read.issues };
  const column = plan.mapping[plan.matchOn] ?? null;
  if (key && !read.issues.length && seenBefore(key)) {
    return {
      kind: 'duplicate',
      key,
      issue: {
        column,
        field: plan.matchOn,
        code: 'DUPLICATE_IN_FILE',
        message: `An earlier row of the file has the same ${MATCH_LABEL[plan.matchOn]} 「${key}」`,
      },
    };
  }
  const found = key ? (matches(key) ?? []) : [];
  if (found.length > 1) {
    return {
      kind: 'invalid',
      key,
      issues: [
        { column, field: plan.matchOn, code: 'AMBIGUOUS', message: `${found.length} customers are called 「${key}」` },
      ],
    };
  }
  const existing = found[0];
  if (existing && plan.mode === 'create') {
    return {
      kind: 'duplicate',
      key,
      issue: {
        column,
        field: plan.matchOn,
        code: 'EXISTS',
        message: `A customer with the ${MATCH_LABEL[plan.matchOn]} 「${key}」 exists already`,
      },
    };
  }
  if (existing) {
    if (!existing.inScope) {
      return {
        kind: 'invalid',
        key,
        issues: [
          {
            column,
            field: plan.matchOn,
            code: 'OUT_OF_SCOPE',
            message: `The customer 「${key}」 is outside your data scope`,
          },
        ],
      };
    }
    const changed = asChanges(plan, read);
    if ('issues' in changed) return { kind: 'invalid', key, issues: changed.issues };
    return { kind: 'update', key, customerId: existing.id, changes: changed.changes };
  }
  if (plan.mode === 'update') {
    const issues: Issue[] = key
      ? [
          {
            column,
            field: plan.matchOn,
            code: 'NOT_FOUND',
            message: `No customer with the ${MATCH_LABEL[plan.matchOn]} 「${key}」`,
          },
        ]
      : [
          {
            column,
            field: plan.matchOn,
            code: 'REQUIRED',
            message: `The ${MATCH_LABEL[plan.matchOn]} to match on is empty`,
          },
        ];
    return { kind: 'invalid', key, issues: [...read.issues, ...issues] };
  }
  const created = ready.asNew!; // worked out for every row of a mode that creates and of the header's width
  if ('issues' in created) return { kind: 'invalid', key, issues: created.issues };
  return { kind: 'create', key, values: created };
}

/** A decision's errors as the check lists them, with the row. */
export function errorsOf(row: number, d: Decision): ImportRowError[] {
  if (d.kind === 'duplicate') return [{ row, ...d.issue }];
  if (d.kind === 'invalid') return d.issues.map((i) => ({ row, ...i }));
  return [];
}

/** One line of reasons, for the errors file and the row's record. */
export const reasonOf = (d: Decision) =>
  d.kind === 'duplicate' ? d.issue.message : d.kind === 'invalid' ? d.issues.map((i) => i.message).join('; ') : null;
