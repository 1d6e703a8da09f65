import { describe, expect, it } from 'vitest';
import { localDay, localMonth, shiftMonth } from '../../platform/calendar.ts';
import { fingerprint } from '../../test/fingerprint.ts';
import {
  buildOpportunity,
  count,
  DAY,
  dictionaryId,
  errorPaths,
  keptTotalsHold,
  newOpportunity,
  testApp,
  userIds,
} from '../../test/factories.ts';

/** The pipeline's rules on opportunities: docs/pipeline.md#fields, #stages, #board, #bulk-assignment. */
const { t, director, manager1, manager2 } = await testApp('director', 'manager1', 'manager2');
const ids = await userIds(t, 'director', 'manager1', 'manager2');
const stage = {
  first: await dictionaryId(t, 'opportunityStage', '初步接触'),
  second: await dictionaryId(t, 'opportunityStage', '需求确认'),
  third: await dictionaryId(t, 'opportunityStage', '方案报价'),
  fourth: await dictionaryId(t, 'opportunityStage', '商务谈判'),
};
const region = await dictionaryId(t, 'region');

/** A closed opportunity (its close answers `{opportunity}`). */
const closedOne = async (status: 'succeeded' | 'failed') =>
  ((await buildOpportunity(t, { status })) as unknown as { opportunity: { id: number; version: number } }).opportunity;

const auditOf = (id: number, action: string) =>
  t.database.query<{ before: { stage: { id: number } | null }; after: { stage: { id: number } | null } }>(
    `select before, after from audit_log where entity = 'opportunity' and entity_id = $1 and action = $2 order by id`,
    [String(id), action],
  );

describe('expected amount and close date (docs/pipeline.md#fields)', () => {
  it('are taken on creation and answered in the detail and the list', async () => {
    const closeDate = localDay(new Date(t.clock.now.getTime() + 30 * DAY));
    const res = await manager1.post(
      '/opportunities',
      newOpportunity({ expectedAmount: 12345.67, expectedCloseDate: closeDate }),
    );
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ expectedAmount: 12345.67, expectedCloseDate: closeDate, stage: null });
    const listed = (await manager1.get('/opportunities?pageSize=100')).body.items.find(
      (o: { id: number }) => o.id === res.body.id,
    );
    expect(listed).toMatchObject({ expectedAmount: 12345.67, expectedCloseDate: closeDate });
    // both may be left empty
    const bare = await manager1.post('/opportunities', newOpportunity());
    expect(bare.body).toMatchObject({ expectedAmount: null, expectedCloseDate: null });
  });

  it('refuses a negative amount, more than two decimals, and a close date before the creation date; nothing is created', async () => {
    const before = await count(t, 'select count(*) from opportunities');
    const yesterday = localDay(new Date(t.clock.now.getTime() - DAY));
    for (const [body, path] of [
      [{ expectedAmount: -1 }, 'expectedAmount'],
      [{ expectedAmount: 1.234 }, 'expectedAmount'],
      [{ expectedAmount: '100' }, 'expectedAmount'],
      [{ expectedCloseDate: yesterday }, 'expectedCloseDate'],
      [{ expectedCloseDate: '2026-02-30' }, 'expectedCloseDate'],
    ] as const) {
      const res = await manager1.post('/opportunities', newOpportunity(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(errorPaths(res)).toEqual([path]);
    }
    expect(await count(t, 'select count(*) from opportunities')).toBe(before);
  });

  it('while assigned: the assignee or a director changes them (versioned, audited); nobody else, nothing else', async () => {
    const o = await buildOpportunity(t, { by: 'manager2', assignee: 'manager1' });
    const closeDate = localDay(new Date(t.clock.now.getTime() + 60 * DAY));
    const res = await manager1.patch(`/opportunities/${o.id}`, {
      version: o.version,
      expectedAmount: 5000,
      expectedCloseDate: closeDate,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ expectedAmount: 5000, expectedCloseDate: closeDate, version: o.version + 1 });
    const byDirector = await director.patch(`/opportunities/${o.id}`, { version: o.version + 1, expectedAmount: null });
    expect(byDirector.status, byDirector.text).toBe(200);
    expect(byDirector.body.expectedAmount).toBeNull();
    expect(await auditOf(o.id, 'update')).toHaveLength(2);

    const closed = await closedOne('failed');
    const unchanged = await fingerprint(t.database);
    const v = o.version + 2;
    // the creator who is not the assignee may not; other fields stay closed while assigned
    expect((await manager2.patch(`/opportunities/${o.id}`, { version: v, expectedAmount: 1 })).status).toBe(403);
    const other = await director.patch(`/opportunities/${o.id}`, { version: v, summary: '改', expectedAmount: 1 });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('INVALID_STATE');
    const early = await manager1.patch(`/opportunities/${o.id}`, { version: v, expectedCloseDate: '2020-01-01' });
    expect(early.status).toBe(400);
    expect(errorPaths(early)).toEqual(['expectedCloseDate']);
    const negative = await manager1.patch(`/opportunities/${o.id}`, { version: v, expectedAmount: -5 });
    expect(errorPaths(negative)).toEqual(['expectedAmount']);
    expect((await manager1.patch(`/opportunities/${o.id}`, { version: 1, expectedAmount: 1 })).status).toBe(409);
    expect(
      (await director.patch(`/opportunities/${closed.id}`, { version: closed.version, expectedAmount: 1 })).status,
    ).toBe(409);
    expect(await fingerprint(t.database)).toBe(unchanged);
  });
});

describe('stages (docs/pipeline.md#stages)', () => {
  it('an assignment starts at the first stage, kept in the history as a move from none by the director', async () => {
    const o = await buildOpportunity(t, { assignee: 'manager1' });
    expect(o.stage).toEqual({ id: stage.first, item: '初步接触' });
    const history = await manager1.get(`/opportunities/${o.id}/stage-history`);
    expect(history.status).toBe(200);
    expect(history.body).toEqual([
      {
        at: expect.any(String),
        from: null,
        to: { id: stage.first, item: '初步接触' },
        by: { id: ids.director, displayName: expect.any(String) },
      },
    ]);
    expect((await manager1.get(`/opportunities/${(await buildOpportunity(t)).id}/stage-history`)).body).toEqual([]);
  });

  it('the assignee and a director move it; each move kept with time and author, audited, versioned', async () => {
    const o = await buildOpportunity(t, { by: 'manager2', assignee: 'manager1' });
    const moved = await manager1.post(`/opportunities/${o.id}/stage`, { stageId: stage.second });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ stage: { id: stage.second, item: '需求确认' }, version: o.version + 1 });
    t.clock.advance(60_000);
    const back = await director.post(`/opportunities/${o.id}/stage`, { stageId: stage.first });
    expect(back.body.stage.id).toBe(stage.first);
    const history = (await director.get(`/opportunities/${o.id}/stage-history`)).body as {
      at: string;
      from: { id: number } | null;
      to: { id: number };
      by: { id: number };
    }[];
    expect(history.map((h) => [h.from?.id ?? null, h.to.id, h.by.id])).toEqual([
      [null, stage.first, ids.director],
      [stage.first, stage.second, ids.manager1],
      [stage.second, stage.first, ids.director],
    ]);
    expect(Date.parse(history[2]!.at) - Date.parse(history[1]!.at)).toBe(60_000);
    const audited = await auditOf(o.id, 'stage');
    expect(audited.map((a) => [a.before.stage?.id, a.after.stage?.id])).toEqual([
      [stage.first, stage.second],
      [stage.second, stage.first],
    ]);
    // to the stage it is at: nothing changes
    const same = await director.post(`/opportunities/${o.id}/stage`, { stageId: stage.first });
    expect(same.body.version).toBe(back.body.version);
    expect(await auditOf(o.id, 'stage')).toHaveLength(2);
  });

  it('only while assigned, only by the assignee or a director, only to a stage; refusals change nothing', async () => {
    const theirs = await buildOpportunity(t, { by: 'manager1', assignee: 'manager2' });
    const unassigned = await buildOpportunity(t, { by: 'manager1' });
    const won = await closedOne('succeeded');
    const failed = await closedOne('failed');
    const mine = await buildOpportunity(t, { assignee: 'manager1' });
    const before = await fingerprint(t.database);
    // the creator who is not the assignee
    const notAssignee = await manager1.post(`/opportunities/${theirs.id}/stage`, { stageId: stage.second });
    expect(notAssignee.status).toBe(403);
    // another manager does not even see it (scope `self`)
    expect((await manager2.post(`/opportunities/${mine.id}/stage`, { stageId: stage.second })).status).toBe(404);
    expect((await manager2.get(`/opportunities/${mine.id}/stage-history`)).status).toBe(404);
    for (const o of [unassigned, won, failed]) {
      const res = await director.post(`/opportunities/${o.id}/stage`, { stageId: stage.second });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('INVALID_STATE');
    }
    for (const stageId of [region, 999999]) {
      const res = await manager1.post(`/opportunities/${mine.id}/stage`, { stageId });
      expect(res.status).toBe(400);
      expect(errorPaths(res)).toEqual(['stageId']);
    }
    expect((await manager1.post(`/opportunities/${mine.id}/stage`, { stageId: 'x' })).status).toBe(400);
    expect((await manager1.post(`/opportunities/${mine.id}/stage`, {})).status).toBe(400);
    expect(await fingerprint(t.database)).toBe(before);
  });

  it('a stage in use cannot be deleted from the dictionary', async () => {
    const admin = await t.login('admin');
    const res = await admin.delete(`/dictionary/${stage.first}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IN_USE');
  });
});

type Column = { stage: { id: number; item: string }; count: number; amount: number; items: { id: number }[] };

describe('the board (docs/pipeline.md#board)', () => {
  it('columns in stage order with exact counts and amounts, filters by assignee and close month, in scope', async () => {
    await t.database.query(`update opportunities set status = 'failed', closed_at = now() where status = 'assigned'`);
    const month = shiftMonth(localMonth(t.clock.now), 1);
    const inMonth = `${month}-15`;
    const later = `${shiftMonth(month, 1)}-15`;
    const a = await buildOpportunity(t, { assignee: 'manager1', expectedAmount: 1000, expectedCloseDate: inMonth });
    const b = await buildOpportunity(t, { assignee: 'manager1', expectedAmount: 250.5, expectedCloseDate: later });
    const c = await buildOpportunity(t, {
      by: 'manager2',
      assignee: 'manager2',
      expectedAmount: 400,
      expectedCloseDate: inMonth,
    });
    await buildOpportunity(t, { expectedAmount: 99999 }); // unassigned: not on the board
    await director.post(`/opportunities/${b.id}/stage`, { stageId: stage.third });

    const board = await director.get('/opportunities/board');
    expect(board.status, board.text).toBe(200);
    const columns = board.body.columns as Column[];
    expect(columns.map((col) => col.stage.item)).toEqual(['初步接触', '需求确认', '方案报价', '商务谈判']);
    expect(columns.map((col) => [col.count, col.amount])).toEqual([
      [2, 1400],
      [0, 0],
      [1, 250.5],
      [0, 0],
    ]);
    expect(columns[0]!.items.map((i) => i.id).sort()).toEqual([a.id, c.id].sort());
    expect(columns[0]!.items[0]).toMatchObject({ abilities: { pipeline: true }, assignee: { id: expect.any(Number) } });

    const onlyManager2 = (await director.get(`/opportunities/board?assigneeId=${ids.manager2}`)).body
      .columns as Column[];
    expect(onlyManager2.map((col) => col.count)).toEqual([1, 0, 0, 0]);
    const ofMonth = (await director.get(`/opportunities/board?closeMonth=${month}`)).body.columns as Column[];
    expect(ofMonth.map((col) => col.count)).toEqual([2, 0, 0, 0]);
    // manager1 sees only their own (scope `self`)
    const own = (await manager1.get('/opportunities/board')).body.columns as Column[];
    expect(own.map((col) => [col.count, col.amount])).toEqual([
      [1, 1000],
      [0, 0],
      [1, 250.5],
      [0, 0],
    ]);
    for (const bad of ['closeMonth=2026-13', 'closeMonth=2026-1', 'assigneeId=x', 'other=1']) {
      expect((await director.get(`/opportunities/board?${bad}`)).status, bad).toBe(400);
    }
  });

  it('shows 50 cards a column, or up to 200 when asked, soonest close date first, and still counts them all', async () => {
    await t.database.query(
      `insert into opportunities (customer_name, success_rate, summary, description, status, created_by, assignee_id, assigned_at, stage_id, expected_amount, expected_close_date)
       select '批量公司' || g, 50, '批量', '描述', 'assigned', $1, $2, now(), $3, 10, current_date + g
       from generate_series(1, 205) g`,
      [ids.director, ids.manager2, stage.fourth],
    );
    const first = ((await director.get('/opportunities/board')).body.columns as Column[])[3]!;
    expect([first.count, first.amount, first.items.length]).toEqual([205, 2050, 50]);
    const last = ((await director.get('/opportunities/board?limit=200')).body.columns as Column[])[3]!;
    expect(last.count).toBe(205);
    expect(last.amount).toBe(2050);
    expect(last.items).toHaveLength(200);
    expect(last.items.slice(0, 50).map((i) => i.id)).toEqual(first.items.map((i) => i.id));
    for (const limit of ['0', '201', 'x'])
      expect((await director.get(`/opportunities/board?limit=${limit}`)).status).toBe(400);
    const dates = last.items.map((i) => (i as unknown as { expectedCloseDate: string }).expectedCloseDate);
    expect([...dates].sort()).toEqual(dates);
  });
});

describe('bulk assignment (docs/pipeline.md#bulk-assignment)', () => {
  it('assigns the unassigned ones at the first stage, refuses the rest with why, audits each', async () => {
    const free = [await buildOpportunity(t), await buildOpportunity(t, { by: 'director' })];
    const taken = await buildOpportunity(t, { assignee: 'manager2' });
    const res = await director.post('/opportunities/assign-bulk', {
      ids: [free[0]!.id, taken.id, 999999, free[1]!.id],
      assigneeId: ids.manager1,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.assigned).toEqual([free[0]!.id, free[1]!.id]);
    expect(res.body.refused).toEqual([
      { id: taken.id, code: 'INVALID_STATE', message: expect.any(String) },
      { id: 999999, code: 'NOT_FOUND', message: expect.any(String) },
    ]);
    for (const o of free) {
      const now = (await manager1.get(`/opportunities/${o.id}`)).body;
      expect(now).toMatchObject({ status: 'assigned', assignee: { id: ids.manager1 }, stage: { id: stage.first } });
      expect((await manager1.get(`/opportunities/${o.id}/stage-history`)).body).toHaveLength(1);
      const audited = await auditOf(o.id, 'assign');
      expect(audited).toHaveLength(1);
    }
    expect((await director.get(`/opportunities/${taken.id}`)).body.assignee.id).toBe(ids.manager2);
  });

  it('refuses 0 or more than 200 ids, duplicates, a bad assignee and a manager; nothing changes', async () => {
    const o = await buildOpportunity(t);
    const before = await fingerprint(t.database);
    const many = Array.from({ length: 201 }, (_, i) => i + 1);
    for (const body of [
      { ids: [], assigneeId: ids.manager1 },
      { ids: many, assigneeId: ids.manager1 },
      { ids: [o.id, o.id], assigneeId: ids.manager1 },
      { ids: [o.id], assigneeId: ids.director },
      { ids: [o.id], assigneeId: 999999 },
      { ids: [o.id] },
      { ids: [o.id], assigneeId: ids.manager1, status: 'assigned' },
    ]) {
      const res = await director.post('/opportunities/assign-bulk', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const dup = await director.post('/opportunities/assign-bulk', { ids: [o.id, o.id], assigneeId: ids.manager1 });
    expect(errorPaths(dup)).toEqual(['ids']);
    expect((await manager1.post('/opportunities/assign-bulk', { ids: [o.id], assigneeId: ids.manager1 })).status).toBe(
      403,
    );
    expect(await fingerprint(t.database)).toBe(before);
    // exactly 200 is fine
    const ok = await director.post('/opportunities/assign-bulk', { ids: many.slice(0, 200), assigneeId: ids.manager1 });
    expect(ok.status, ok.text).toBe(200);
  });

  it('racing a single assignment: each opportunity still has one winner', async () => {
    for (let round = 0; round < 3; round++) {
      const os = [await buildOpportunity(t), await buildOpportunity(t), await buildOpportunity(t)];
      const contested = os[round]!;
      const [bulk, single] = await Promise.all([
        director.post('/opportunities/assign-bulk', { ids: os.map((o) => o.id), assigneeId: ids.manager1 }),
        director.post(`/opportunities/${contested.id}/assign`, { assigneeId: ids.manager2 }),
      ]);
      expect(bulk.status, bulk.text).toBe(200);
      const bulkWon = (bulk.body.assigned as number[]).includes(contested.id);
      expect(bulkWon).toBe(single.status !== 200);
      if (!bulkWon)
        expect(bulk.body.refused).toEqual([{ id: contested.id, code: 'INVALID_STATE', message: expect.any(String) }]);
      else expect(single.body.error.code).toBe('INVALID_STATE');
      const final = (await director.get(`/opportunities/${contested.id}`)).body;
      expect(final.assignee.id).toBe(bulkWon ? ids.manager1 : ids.manager2);
      expect((await director.get(`/opportunities/${contested.id}/stage-history`)).body).toHaveLength(1);
      expect(await auditOf(contested.id, 'assign')).toHaveLength(1);
    }
  });
});

keptTotalsHold('opportunity', () => t);
