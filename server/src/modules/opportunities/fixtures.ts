import { expect } from 'vitest';
import type { Client, TestApp } from '../../test/harness.ts';

/** A valid new opportunity; tests override what they look at. */
export const newOpportunity = (over: Record<string, unknown> = {}) => ({
  source: '展会',
  customerName: '远航科技有限公司',
  successRate: 60,
  summary: '采购办公设备',
  contactName: '陈先生',
  contactPhone: '13800000000',
  description: '客户计划下季度更新全部办公设备',
  ...over,
});

export async function userId(t: TestApp, username: string): Promise<number> {
  const [row] = await t.database.query<{ id: number }>('select id from users where username = $1', [username]);
  return row!.id;
}

export async function createOpportunity(as: Client, over: Record<string, unknown> = {}) {
  const res = await as.post('/opportunities', newOpportunity(over));
  expect(res.status, res.text).toBe(201);
  return res.body as { id: number; version: number; [k: string]: unknown };
}

/** Created by `creator`, assigned by the director to `assignee`. */
export async function assignedOpportunity(
  t: TestApp,
  director: Client,
  creator: Client,
  assignee: string,
  over: Record<string, unknown> = {},
) {
  const created = await createOpportunity(creator, over);
  const res = await director.post(`/opportunities/${created.id}/assign`, { assigneeId: await userId(t, assignee) });
  expect(res.status, res.text).toBe(200);
  return res.body as { id: number; version: number; [k: string]: unknown };
}

export const paths = (res: { body: { error?: { details?: { path: string }[] } } }) =>
  (res.body.error?.details ?? []).map((d) => d.path);

export async function count(t: TestApp, sql: string, params: unknown[] = []) {
  const [row] = await t.database.query<{ n: number }>(sql, params);
  return Number(row!.n);
}
