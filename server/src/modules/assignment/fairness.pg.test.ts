import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { openPostgres } from '../../db/client.ts';
import { insertUserWithRoles } from '../../db/seed/users.ts';
import { Client } from '../../test/harness.ts';
import { dictionaryId, ok, serviceCustomer, testApp, userIds } from '../../test/factories.ts';

/**
 * docs/assignment-rules.md#assigning, rule 4 on PostgreSQL: two app instances on one database (A from the test kit,
 * B built beside it), 20 services created at once, half on each: a round-robin rule over 4 managers gives each 5.
 */
const { t, director, manager1 } = await testApp('director', 'manager1');
const url = (t.database.pool!.options as { connectionString: string }).connectionString;
const databaseB = openPostgres(url, { max: 10 });
const appB = await buildApp({
  config: { ...loadConfig({ CRM_DEMO: '0' }), webDist: '/nonexistent' },
  database: databaseB,
  logger: false,
});
afterAll(async () => {
  await appB.close();
  await databaseB.close();
});

describe('round-robin across two app instances', () => {
  it('20 services created in parallel on two instances go 5 to each of 4 assignees', async () => {
    const ids = await userIds(t, 'manager1', 'manager2');
    const extra = await t.database.db.transaction(async (tx): Promise<[number, number]> => [
      await insertUserWithRoles(tx, {
        username: 'fair3',
        displayName: '公平三',
        password: 'demo1234',
        roles: ['manager'],
      }),
      await insertUserWithRoles(tx, {
        username: 'fair4',
        displayName: '公平四',
        password: 'demo1234',
        roles: ['manager'],
      }),
    ]);
    const assignees = [ids.manager1, ids.manager2, ...extra];
    ok(
      await director.post('/assignment-rules', {
        name: '轮流',
        priority: 1,
        strategy: 'roundRobin',
        assigneeIds: assignees,
      }),
      201,
    );
    const onB = new Client(appB, manager1.cookie);
    const body = {
      typeId: await dictionaryId(t, 'serviceType', '投诉'),
      summary: '并发创建',
      customerId: (await serviceCustomer(t)).id,
      request: '两个实例同时创建',
    };
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? onB : manager1).post('/services', body)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const held = new Map<number, number>();
    for (const a of answers) held.set(a.body.assignee.id, (held.get(a.body.assignee.id) ?? 0) + 1);
    expect(Object.fromEntries([...held].sort(([a], [b]) => a - b))).toEqual(
      Object.fromEntries([...assignees].sort((a, b) => a - b).map((id) => [id, 5])),
    );
    const [rule] = await t.database.query<{ rotation: number }>('select rotation from assignment_rules');
    expect(rule!.rotation).toBe(20);
  });
});
