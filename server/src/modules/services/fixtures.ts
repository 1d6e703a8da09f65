import type { Answer, Client, TestApp } from '../../test/harness.ts';
import { insertCustomer } from '../customers/create.ts';

/** Small factories for the service tests: ids of the demo users and types, customers, services in any status. */
export async function serviceFixture(t: TestApp) {
  const userId = async (username: string) =>
    (await t.database.query<{ id: number }>('select id from users where username = $1', [username]))[0]!.id;
  const entries = await t.database.query<{ id: number; type: string; item: string }>(
    'select id, type, item from dictionary_entries order by id',
  );
  const typeId = (item: string) => entries.find((e) => e.type === 'serviceType' && e.item === item)!.id;
  const regionId = entries.find((e) => e.type === 'region')!.id;
  const ids = {
    director: await userId('director'),
    manager1: await userId('manager1'),
    manager2: await userId('manager2'),
    executive: await userId('executive'),
  };
  const signIn = async () => {
    const [manager1, manager2, director] = await Promise.all([
      t.login('manager1'),
      t.login('manager2'),
      t.login('director'),
    ]);
    return { manager1, manager2, director };
  };
  /** The clients; `relogin()` renews them after a test moves the clock past the session idle timeout. */
  const c = await signIn();

  const createCustomer = (name: string, managerId = ids.manager1) =>
    t.database.db.transaction((tx) =>
      insertCustomer(tx, { requestId: 'test', now: t.clock.now, actor: null }, { name, managerId }),
    );

  const defaultCustomer = await createCustomer('北京甲科技有限公司');

  const ok = (res: Answer, status = 200) => {
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
    return res.body;
  };

  /** A service created by `by` (manager1), then taken through the flow up to `status`. */
  async function serviceIn(
    status: 'new' | 'assigned' | 'handled' | 'archived',
    o: {
      by?: Client;
      assigneeId?: number;
      assignee?: Client;
      type?: string;
      customerId?: number;
      summary?: string;
    } = {},
  ) {
    const created = ok(
      await (o.by ?? c.manager1).post('/services', {
        typeId: typeId(o.type ?? '咨询'),
        summary: o.summary ?? '询问产品价格',
        customerId: o.customerId ?? defaultCustomer.id,
        request: '客户来电询问新产品的报价',
      }),
      201,
    );
    if (status === 'new') return created;
    ok(await c.director.post(`/services/${created.id}/assign`, { assigneeId: o.assigneeId ?? ids.manager1 }));
    const assignee = o.assignee ?? c.manager1;
    if (status === 'assigned') return ok(await c.manager1.get(`/services/${created.id}`));
    ok(await assignee.post(`/services/${created.id}/handle`, { handling: '已电话回复报价' }));
    if (status === 'handled') return ok(await c.manager1.get(`/services/${created.id}`));
    return ok(await assignee.post(`/services/${created.id}/feedback`, { result: '客户满意', satisfaction: 5 }));
  }

  const serviceRow = async (id: number) =>
    (await t.database.query<Record<string, unknown>>('select * from services where id = $1', [id]))[0]!;
  const eventKinds = async (id: number) =>
    (
      await t.database.query<{ kind: string }>('select kind from service_events where service_id = $1 order by id', [
        id,
      ])
    ).map((e) => e.kind);

  return {
    ids,
    typeId,
    regionId,
    createCustomer,
    defaultCustomer,
    serviceIn,
    serviceRow,
    eventKinds,
    ok,
    get manager1() {
      return c.manager1;
    },
    get manager2() {
      return c.manager2;
    },
    get director() {
      return c.director;
    },
    relogin: async () => void Object.assign(c, await signIn()),
  };
}
