import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../test/fingerprint.ts';
import { dictionaryId, errorPaths, testApp } from '../../test/factories.ts';

/** docs/organisation.md#customer-pool, rule 7: the pool's settings, read and changed by pool.manage, audited. */
const { t, director, admin, manager1 } = await testApp('director', 'admin', 'manager1');
let big: number;
let normal: number;
beforeAll(async () => {
  big = await dictionaryId(t, 'customerLevel', '大客户');
  normal = await dictionaryId(t, 'customerLevel', '普通客户');
});

describe('the pool settings', () => {
  it('start with the defaults and every customer level at 0 days (never returned)', async () => {
    const res = await director.get('/settings/pool');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dailyClaimLimit: 10, maxOwned: 0, reclaimWaitDays: 30, warnDays: 3 });
    expect(res.body.returnAfterDays).toHaveLength(5);
    expect(res.body.returnAfterDays).toContainEqual({ levelId: big, days: 0 });
  });

  it('change what is sent, the rest stays, and every change is audited', async () => {
    const res = await admin.patch('/settings/pool', {
      dailyClaimLimit: 5,
      returnAfterDays: [{ levelId: big, days: 90 }],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ dailyClaimLimit: 5, maxOwned: 0, reclaimWaitDays: 30, warnDays: 3 });
    expect(res.body.returnAfterDays).toContainEqual({ levelId: big, days: 90 });
    expect(res.body.returnAfterDays).toContainEqual({ levelId: normal, days: 0 });
    const again = await director.patch('/settings/pool', { returnAfterDays: [{ levelId: normal, days: 30 }] });
    expect(again.body.returnAfterDays).toContainEqual({ levelId: big, days: 90 });
    expect(again.body.returnAfterDays).toContainEqual({ levelId: normal, days: 30 });
    const [audit] = await t.database.query<{ before: { dailyClaimLimit: number }; after: { dailyClaimLimit: number } }>(
      "select before, after from audit_log where entity = 'poolSettings' order by id limit 1",
    );
    expect(audit).toMatchObject({ before: { dailyClaimLimit: 10 }, after: { dailyClaimLimit: 5 } });
  });

  it('refuse an unknown level, a level named twice, numbers out of range and unknown fields, changing nothing', async () => {
    const region = await dictionaryId(t, 'region');
    const before = await fingerprint(t.database);
    const settingsBefore = (await director.get('/settings/pool')).body;
    const cases: [unknown, string[]][] = [
      [{ returnAfterDays: [{ levelId: 999999, days: 5 }] }, ['returnAfterDays.0.levelId']],
      [
        {
          returnAfterDays: [
            { levelId: big, days: 5 },
            { levelId: region, days: 5 },
          ],
        },
        ['returnAfterDays.1.levelId'],
      ],
      [
        {
          returnAfterDays: [
            { levelId: big, days: 5 },
            { levelId: big, days: 6 },
          ],
        },
        ['returnAfterDays.1.levelId'],
      ],
      [{ returnAfterDays: [{ levelId: big, days: -1 }] }, ['returnAfterDays.0.days']],
      [{ dailyClaimLimit: -1 }, ['dailyClaimLimit']],
      [{ warnDays: 1.5 }, ['warnDays']],
      [{ maxOwned: 'many' }, ['maxOwned']],
    ];
    for (const [body, paths] of cases) {
      const res = await director.patch('/settings/pool', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorPaths(res)).toEqual(paths);
    }
    expect((await director.patch('/settings/pool', { id: 2 })).status).toBe(400);
    expect(await fingerprint(t.database)).toBe(before);
    expect((await director.get('/settings/pool')).body).toEqual(settingsBefore);
  });

  it('are for pool.manage only', async () => {
    expect((await manager1.get('/settings/pool')).status).toBe(403);
    expect((await manager1.patch('/settings/pool', { dailyClaimLimit: 100 })).status).toBe(403);
  });
});
