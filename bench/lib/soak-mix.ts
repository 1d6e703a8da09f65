import { call, signIn, type Answer } from './http.ts';

/** The soak's three kinds of work (issue 9, item 9): 70% lists and searches, 20% detail reads, 10% writes. */
export type Kind = 'list' | 'detail' | 'write';
export type Role = 'manager' | 'director' | 'executive';
export type Op = {
  key: string;
  kind: Kind;
  role: Role;
  method: 'GET' | 'POST';
  path: () => string;
  body?: () => unknown;
};

const V1 = '/api/v1';
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const enc = encodeURIComponent;

export type Sessions = Record<Role, string>;

/** One cookie per role: `manager1`, `director` and `executive` exist in the demo company and in the bench data. */
export async function signInAll(base: string, password: string): Promise<Sessions> {
  return {
    manager: await signIn(base, 'manager1', password),
    director: await signIn(base, 'director', password),
    executive: await signIn(base, 'executive', password),
  };
}

type Page = { items: Record<string, unknown>[]; total: number };

/** Records to rotate over, read through the API as the roles that use them (so every one is visible to its user). */
export async function sample(base: string, s: Sessions) {
  const get = async (role: Role, path: string) => {
    const a = await call(base, s[role], 'GET', `${V1}${path}`);
    if (a.status !== 200)
      throw new Error(`GET ${path} as ${role} answered ${a.status}: ${JSON.stringify(a.body).slice(0, 200)}`);
    return a.body as Page & Record<string, unknown>;
  };
  const ids = (p: Page) => p.items.map((x) => Number(x.id));
  const me = (await get('manager', '/auth/me')) as unknown as { user: { id: number } };
  const own = await get('manager', `/customers?managerId=${me.user.id}&status=normal&pageSize=100`);
  // a lost customer is read-only (409): writes go to manager1's normal ones
  if (!own.items.length)
    throw new Error('manager1 is responsible for no normal customer: nothing to write contacts to');
  const customers = await get('director', '/customers?pageSize=100');
  const names = customers.items.map((c) => String(c.name));
  const orders: [number, number][] = [];
  for (const id of ids(customers).slice(0, 20)) {
    const page = await get('director', `/customers/${id}/orders?pageSize=5`);
    for (const o of page.items) orders.push([id, Number(o.id)]);
  }
  const serviceTypes = (await call(base, s.director, 'GET', `${V1}/dictionary?type=serviceType`)).body as
    { id: number }[] | Page;
  const typeIds = (Array.isArray(serviceTypes) ? serviceTypes : serviceTypes.items).map((t) => Number(t.id));
  const products = await get('manager', '/products?pageSize=50');
  return {
    ownCustomerIds: ids(own),
    customerIds: ids(customers),
    // two characters of a real name: a search that finds something
    fragments: names.map((n) => n.slice(1, 3)).filter((f) => f.length === 2),
    managerIds: [
      ...new Set(customers.items.map((c) => Number((c.manager as { id: number } | null)?.id)).filter(Boolean)),
    ],
    opportunityIds: ids(await get('director', '/opportunities?pageSize=100')),
    serviceIds: ids(await get('director', '/services?pageSize=100')),
    churnIds: ids(await get('director', '/churn-warnings?pageSize=100')),
    orders,
    typeIds,
    productNames: products.items.map((p) => String(p.name).slice(0, 2)),
  };
}
export type Sample = Awaited<ReturnType<typeof sample>>;

let serial = 0;
const today = () => new Date().toISOString().slice(0, 10);

/** The operations, each once; `choose` weighs them by kind. Ids come from the sample, so none answers 404. */
export function operations(x: Sample): Op[] {
  const get = (key: string, kind: Kind, role: Role, path: () => string): Op => ({
    key,
    kind,
    role,
    method: 'GET',
    path,
  });
  const post = (key: string, role: Role, path: () => string, body: () => unknown): Op => ({
    key,
    kind: 'write',
    role,
    method: 'POST',
    path,
    body,
  });
  const frag = () => enc(pick(x.fragments.length ? x.fragments : ['公司']));
  const own = () => pick(x.ownCustomerIds);
  const ops: (Op | false)[] = [
    get(
      'customers.page',
      'list',
      'manager',
      () => `${V1}/customers?page=${1 + Math.floor(Math.random() * 3)}&pageSize=20`,
    ),
    get('customers.name', 'list', 'manager', () => `${V1}/customers?name=${frag()}&pageSize=20`),
    x.managerIds.length > 0 &&
      get('customers.manager', 'list', 'director', () => `${V1}/customers?managerId=${pick(x.managerIds)}&pageSize=20`),
    get('customers.contacts', 'list', 'manager', () => `${V1}/customers/${own()}/contacts`),
    get('customers.activities', 'list', 'manager', () => `${V1}/customers/${own()}/activities`),
    get('customers.orders', 'list', 'director', () => `${V1}/customers/${pick(x.customerIds)}/orders?pageSize=20`),
    get('opportunities.list', 'list', 'director', () => `${V1}/opportunities?pageSize=20`),
    get('opportunities.search', 'list', 'manager', () => `${V1}/opportunities?customerName=${frag()}&pageSize=20`),
    get('services.list', 'list', 'director', () => `${V1}/services?status=new&pageSize=20`),
    get('services.search', 'list', 'manager', () => `${V1}/services?customerName=${frag()}&pageSize=20`),
    get('churn.list', 'list', 'director', () => `${V1}/churn-warnings?pageSize=20`),
    x.productNames.length > 0 &&
      get('products.search', 'list', 'manager', () => `${V1}/products?name=${enc(pick(x.productNames))}&pageSize=20`),
    get('reports.contribution', 'list', 'executive', () => `${V1}/reports/contribution?pageSize=20`),
    get('reports.composition', 'list', 'executive', () => `${V1}/reports/composition?by=level`),
    get('reports.churn', 'list', 'executive', () => `${V1}/reports/churn?pageSize=20`),
    get('customers.detail', 'detail', 'manager', () => `${V1}/customers/${own()}`),
    get('customers.detail.any', 'detail', 'director', () => `${V1}/customers/${pick(x.customerIds)}`),
    x.opportunityIds.length > 0 &&
      get('opportunities.detail', 'detail', 'director', () => `${V1}/opportunities/${pick(x.opportunityIds)}`),
    x.serviceIds.length > 0 &&
      get('services.detail', 'detail', 'director', () => `${V1}/services/${pick(x.serviceIds)}`),
    x.churnIds.length > 0 &&
      get('churn.detail', 'detail', 'director', () => `${V1}/churn-warnings/${pick(x.churnIds)}`),
    x.orders.length > 0 &&
      get('orders.detail', 'detail', 'director', () => {
        const [c, o] = pick(x.orders);
        return `${V1}/customers/${c}/orders/${o}`;
      }),
    post(
      'contacts.create',
      'manager',
      () => `${V1}/customers/${own()}/contacts`,
      () => ({ name: `压测联系人${++serial}`, sex: 'female', position: '采购', officePhone: '010-88886666' }),
    ),
    post(
      'activities.create',
      'manager',
      () => `${V1}/customers/${own()}/activities`,
      () => ({ date: today(), place: '客户办公室', summary: `压测交往${++serial}` }),
    ),
    post(
      'opportunities.create',
      'manager',
      () => `${V1}/opportunities`,
      () => ({ customerName: `压测机会公司${++serial}`, successRate: 50, summary: '压测', description: '压测机会' }),
    ),
    x.typeIds.length > 0 &&
      post(
        'services.create',
        'manager',
        () => `${V1}/services`,
        () => ({ typeId: pick(x.typeIds), summary: `压测服务${++serial}`, customerId: own(), request: '压测请求' }),
      ),
  ];
  return ops.filter((o): o is Op => o !== false);
}

const WEIGHTS: [Kind, number][] = [
  ['list', 0.7],
  ['detail', 0.2],
  ['write', 0.1],
];

/** A random operation: first the kind by its share, then one of that kind's operations. */
export function choose(ops: Op[]): Op {
  let r = Math.random();
  let kind: Kind = 'write';
  for (const [k, w] of WEIGHTS) {
    if (r < w) {
      kind = k;
      break;
    }
    r -= w;
  }
  return pick(ops.filter((o) => o.kind === kind));
}

export const run = (base: string, s: Sessions, op: Op): Promise<Answer> =>
  call(base, s[op.role], op.method, op.path(), op.body?.());
