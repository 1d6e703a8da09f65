import { describe, expect, it } from 'vitest';
import { ok, testApp, userIds } from '../../test/factories.ts';
import { fingerprint } from '../../test/fingerprint.ts';

const { t, admin, director } = await testApp('admin', 'director');
const ids = await userIds(t, 'manager1', 'manager2', 'director');

type Dept = { id: number; name: string; parentId: number | null; leaderId: number | null; userCount: number };
let n = 0;
const create = async (name: string, parentId?: number, leaderId?: number) =>
  ok(await admin.post('/departments', { name: `${name}${++n}`, parentId, leaderId }), 201) as Dept;

/** The closure table as `ancestor>descendant@depth`, for the departments given. */
async function paths(...deptIds: number[]) {
  const found = await t.database.query<{ a: number; d: number; depth: number }>(
    `select ancestor_id as a, descendant_id as d, depth from department_paths
     where descendant_id = any($1::int[]) order by descendant_id, depth`,
    [deptIds],
  );
  return found.map((p) => `${p.a}>${p.d}@${p.depth}`);
}

/** Every department's closure must equal the one its parent links give: a path for each ancestor, itself at 0. */
async function closureIsConsistent() {
  const [row] = await t.database.query<{ bad: number }>(
    `with recursive chain(descendant_id, ancestor_id, depth) as (
       select id, id, 0 from departments
       union all
       select c.descendant_id, d.parent_id, c.depth + 1 from chain c join departments d on d.id = c.ancestor_id
       where d.parent_id is not null and c.depth < 50)
     select (select count(*)::int from (
               (select descendant_id, ancestor_id, depth from chain except select descendant_id, ancestor_id, depth from department_paths)
               union all
               (select descendant_id, ancestor_id, depth from department_paths except select descendant_id, ancestor_id, depth from chain)) x) as bad`,
  );
  return row!.bad === 0;
}

describe('departments (docs/organisation.md#departments)', () => {
  it('creates a tree with its closure rows, and lists it parents first with user counts', async () => {
    const top = await create('销售部', undefined, ids.director);
    const north = await create('华北销售部', top.id);
    const beijing = await create('北京组', north.id);
    expect(top).toMatchObject({ parentId: null, leaderId: ids.director, userCount: 0 });
    expect(beijing.parentId).toBe(north.id);
    expect(await paths(beijing.id)).toEqual([
      `${beijing.id}>${beijing.id}@0`,
      `${north.id}>${beijing.id}@1`,
      `${top.id}>${beijing.id}@2`,
    ]);
    ok(await admin.patch(`/users/${ids.manager1}`, { departmentId: beijing.id }));
    // every signed-in user reads the tree
    const list = ok(await (await t.login('manager2')).get('/departments')) as Dept[];
    const order = list.map((d) => d.id);
    expect(order.indexOf(top.id)).toBeLessThan(order.indexOf(north.id));
    expect(order.indexOf(north.id)).toBeLessThan(order.indexOf(beijing.id));
    expect(list.find((d) => d.id === beijing.id)!.userCount).toBe(1);
    expect((await t.anonymous().get('/departments')).status).toBe(401);
    ok(await admin.patch(`/users/${ids.manager1}`, { departmentId: null }));
  });

  it('lets only holders of department.manage change the tree', async () => {
    const before = await fingerprint(t.database);
    expect((await director.post('/departments', { name: '不许' })).status).toBe(403);
    const dept = await create('只读部');
    const after = await fingerprint(t.database);
    expect((await director.patch(`/departments/${dept.id}`, { name: 'x' })).status).toBe(403);
    expect((await director.delete(`/departments/${dept.id}`)).status).toBe(403);
    expect(await fingerprint(t.database)).toEqual(after);
    expect(after).not.toEqual(before);
  });

  it('moves a subtree: its closure rows follow, at the right depths', async () => {
    const a = await create('甲');
    const b = await create('乙', a.id);
    const c = await create('丙', b.id);
    const other = await create('丁');
    const moved = ok(await admin.patch(`/departments/${b.id}`, { parentId: other.id })) as Dept;
    expect(moved.parentId).toBe(other.id);
    expect(await paths(b.id, c.id)).toEqual([
      `${b.id}>${b.id}@0`,
      `${other.id}>${b.id}@1`,
      `${c.id}>${c.id}@0`,
      `${b.id}>${c.id}@1`,
      `${other.id}>${c.id}@2`,
    ]);
    // to the top and back under a deeper one
    ok(await admin.patch(`/departments/${b.id}`, { parentId: null }));
    expect(await paths(c.id)).toEqual([`${c.id}>${c.id}@0`, `${b.id}>${c.id}@1`]);
    const deep = await create('戊', a.id);
    ok(await admin.patch(`/departments/${b.id}`, { parentId: deep.id }));
    expect(await paths(c.id)).toEqual([
      `${c.id}>${c.id}@0`,
      `${b.id}>${c.id}@1`,
      `${deep.id}>${c.id}@2`,
      `${a.id}>${c.id}@3`,
    ]);
    expect(await closureIsConsistent()).toBe(true);
  });

  it('renames and re-leads a department, audited', async () => {
    const d = await create('旧名');
    const renamed = ok(await admin.patch(`/departments/${d.id}`, { name: '新名', leaderId: ids.manager2 })) as Dept;
    expect(renamed).toMatchObject({ name: '新名', leaderId: ids.manager2 });
    expect((ok(await admin.patch(`/departments/${d.id}`, { leaderId: null })) as Dept).leaderId).toBeNull();
    const log = ok(await admin.get(`/audit-log?entity=department&pageSize=100`)) as {
      items: { action: string; entityId: string }[];
    };
    const mine = log.items.filter((e) => e.entityId === String(d.id)).map((e) => e.action);
    expect(mine.sort()).toEqual(['create', 'update', 'update']);
  });

  it('refuses a move under itself or a descendant, unknown parents and leaders, changing nothing', async () => {
    const a = await create('根');
    const b = await create('枝', a.id);
    const c = await create('叶', b.id);
    const disabled = ok(
      await admin.post('/users', {
        username: `gone${n}`,
        displayName: 'G',
        password: 'long-enough',
        roles: ['manager'],
      }),
      201,
    ) as { id: number };
    ok(await admin.patch(`/users/${disabled.id}`, { active: false }));
    const before = await fingerprint(t.database);
    const cases: [string, unknown, string][] = [
      [`/departments/${a.id}`, { parentId: a.id }, 'parentId'],
      [`/departments/${a.id}`, { parentId: c.id }, 'parentId'],
      [`/departments/${a.id}`, { parentId: 999_999 }, 'parentId'],
      [`/departments/${a.id}`, { leaderId: 999_999 }, 'leaderId'],
      [`/departments/${a.id}`, { leaderId: disabled.id }, 'leaderId'],
    ];
    for (const [url, body, path] of cases) {
      const res = await admin.patch(url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path }] });
    }
    for (const [body, path] of [
      [{ name: '新', parentId: 999_999 }, 'parentId'],
      [{ name: '新', leaderId: disabled.id }, 'leaderId'],
      [{ name: '  ' }, 'name'],
    ] as const) {
      const res = await admin.post('/departments', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details[0].path).toBe(path);
    }
    expect((await admin.patch('/departments/999999', { name: 'x' })).status).toBe(404);
    expect((await admin.delete('/departments/999999')).status).toBe(404);
    expect(await fingerprint(t.database)).toEqual(before);
  });

  it('refuses a second child of the same name under one parent, whatever its case (409 CONFLICT)', async () => {
    const parent = await create('销售');
    const first = ok(await admin.post('/departments', { name: 'North Sales', parentId: parent.id }), 201) as Dept;
    const before = await fingerprint(t.database);
    const dup = await admin.post('/departments', { name: 'north sales', parentId: parent.id });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'CONFLICT', details: [{ path: 'name' }] });
    // a move that would bring two of one name together, too
    const elsewhere = ok(await admin.post('/departments', { name: 'NORTH SALES' }), 201) as Dept;
    const after = await fingerprint(t.database);
    expect((await admin.patch(`/departments/${elsewhere.id}`, { parentId: parent.id })).status).toBe(409);
    expect(await fingerprint(t.database)).toEqual(after);
    expect(after).not.toEqual(before);
    // the same name under another parent is fine
    const cousin = await create('营销');
    expect((await admin.post('/departments', { name: 'North Sales', parentId: cousin.id })).status).toBe(201);
    expect(first.name).toBe('North Sales');
  });

  it('deletes only a department without users or sub-departments (409 IN_USE)', async () => {
    const parent = await create('待删');
    const child = await create('子部门', parent.id);
    const res = await admin.delete(`/departments/${parent.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IN_USE');
    ok(await admin.patch(`/users/${ids.manager2}`, { departmentId: child.id }));
    expect((await admin.delete(`/departments/${child.id}`)).body.error.code).toBe('IN_USE');
    ok(await admin.patch(`/users/${ids.manager2}`, { departmentId: null }));
    expect((await admin.delete(`/departments/${child.id}`)).status).toBe(204);
    expect((await admin.delete(`/departments/${parent.id}`)).status).toBe(204);
    expect(await paths(parent.id, child.id)).toEqual([]);
  });

  it('serialises concurrent moves: A under B and B under A at once close no cycle', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await create('并发甲');
      const b = await create('并发乙');
      const answers = await Promise.all([
        admin.patch(`/departments/${a.id}`, { parentId: b.id }),
        admin.patch(`/departments/${b.id}`, { parentId: a.id }),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
      expect(answers.find((r) => r.status === 400)!.body.error.details[0].path).toBe('parentId');
      const [cycles] = await t.database.query<{ n: number }>(
        `select count(*)::int as n from department_paths where ancestor_id = descendant_id and depth > 0`,
      );
      expect(cycles!.n).toBe(0);
    }
    expect(await closureIsConsistent()).toBe(true);
  });
});
