import { DEMO_PASSWORD } from '../../server/src/db/seed/users.ts';
import type { Endpoint } from './load.ts';
import { pinyinForms } from '../../server/src/platform/pinyin.ts';
import { BRANDS, CITIES, SURNAMES } from './names.ts';
import type { Query } from './sql-params.ts';

export type Sample = {
  customerIds: number[];
  /** Customers with counted orders, and [customer id, counted order id] pairs. */
  orderCustomerIds: number[];
  orderPairs: [number, number][];
  managerIds: number[];
  year: number;
  /** Phone numbers of contacts (docs/search.md#what-matches, rule 3: the search takes 4 or more digits of one). */
  phones: string[];
  /** A customer with at least BUSY_EVENTS events on its timeline (busyCustomer). */
  busyCustomerId: number;
};

/** issue 17: the first timeline page p95 ≤ 50 ms "for a customer with 2,000 events too". */
const BUSY_EVENTS = 2000;

/**
 * The customer whose timeline is read at its longest: the one with the most orders, given interaction records until
 * it has BUSY_EVENTS of them (once: a later run finds them there). Its other events (orders, services, …) come on top.
 */
async function busyCustomer(q: Query): Promise<number> {
  const [top] = await q<{ id: number }>(
    `select c.id from (select customer_no, count(*) as n from sales.orders group by 1 order by 2 desc limit 1) o
     join customers c on c.number = o.customer_no
     union all (select id from customers order by id limit 1)
     limit 1`,
  );
  const id = Number(top!.id);
  const [{ n } = { n: 0 }] = await q<{ n: number }>(
    `select count(*)::int as n from activities where customer_id = $1`,
    [id],
  );
  if (n < BUSY_EVENTS)
    await q(
      `insert into activities (customer_id, date, place, summary, created_at)
       select $1, current_date - (k % 1500), '客户现场', '回访记录 ' || k, now() - make_interval(days => k % 1500)
       from generate_series(1, $2::int) k`,
      [id, BUSY_EVENTS - n],
    );
  return id;
}

/** Random records to rotate over, so that the figures are not those of one hot row. */
export async function sampleData(q: Query): Promise<Sample> {
  const ids = async (sql: string) => (await q<{ id: number }>(sql)).map((r) => Number(r.id));
  const customerIds = await ids(`select id from customers order by random() limit 500`);
  const pairsFrom = (source: string) =>
    q<{ customer: number; order: number }>(
      `select c.id as customer, o.id as order
       from (select id, customer_no from ${source} where status in (5, 6) limit 500) o
       join customers c on c.number = o.customer_no`,
    );
  let pairs = await pairsFrom('sales.orders tablesample system (1)');
  if (pairs.length < 50) pairs = await pairsFrom('(select * from sales.orders order by random()) o');
  const managerIds = await ids(
    `select u.id from users u join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id where r.code = 'manager'`,
  );
  const phones = (
    await q<{ phone: string }>(`select mobile as phone from contacts tablesample system (1) limit 200`)
  ).map((r) => r.phone);
  return {
    phones,
    busyCustomerId: await busyCustomer(q),
    customerIds,
    orderCustomerIds: [...new Set(pairs.map((p) => Number(p.customer)))],
    orderPairs: pairs.map((p) => [Number(p.customer), Number(p.order)]),
    managerIds,
    year: new Date().getFullYear() - 1,
  };
}

const V1 = '/api/v1';

/** The key endpoints of the scale issue, each with the role that uses it. */
export function endpoints(s: Sample): Endpoint[] {
  const get = (key: string, name: string, role: Endpoint['role'], paths: string[]): Endpoint => ({
    key,
    name,
    role,
    method: 'GET',
    paths,
  });
  const perCustomer = (suffix: string, ids = s.customerIds) => ids.map((id) => `${V1}/customers/${id}${suffix}`);
  const orderIds = s.orderCustomerIds.length ? s.orderCustomerIds : s.customerIds;
  const pairs = s.orderPairs.length ? s.orderPairs : [[s.customerIds[0]!, 1] as [number, number]];
  return [
    get('customers.page1', 'Customer list, page 1', 'manager', [`${V1}/customers?page=1&pageSize=20`]),
    get(
      'customers.name',
      'Customer list, name part (2 characters)',
      'manager',
      BRANDS.slice(0, 20).map((b) => `${V1}/customers?name=${encodeURIComponent(b)}&page=1&pageSize=20`),
    ),
    get(
      'customers.manager',
      'Customer list, manager filter',
      'director',
      s.managerIds.map((id) => `${V1}/customers?managerId=${id}&page=1&pageSize=20`),
    ),
    get('customers.detail', 'Customer detail', 'manager', perCustomer('')),
    // docs/overview.md: a customer at a glance (issue 17: p95 ≤ 50 ms), customers with and without orders
    get('customers.overview', 'Customer overview', 'manager', [
      ...perCustomer('/overview'),
      ...perCustomer('/overview', orderIds),
    ]),
    // docs/timeline.md: the first page of a customer's timeline (issue 17: p95 ≤ 50 ms), also of one with 2,000 events
    get('customers.timeline', 'Timeline of a customer, first page', 'manager', [
      ...perCustomer('/timeline'),
      ...perCustomer('/timeline', orderIds),
    ]),
    get('customers.timeline.busy', `Timeline of a customer with ${BUSY_EVENTS} events, first page`, 'director', [
      `${V1}/customers/${s.busyCustomerId}/timeline`,
    ]),
    get('customers.contacts', 'Contacts of a customer', 'manager', perCustomer('/contacts')),
    get('customers.activities', 'Interaction records of a customer', 'manager', perCustomer('/activities')),
    get('orders.history', 'Order history, page 1', 'manager', perCustomer('/orders?page=1&pageSize=20', orderIds)),
    get(
      'orders.detail',
      'Order detail',
      'manager',
      pairs.map(([c, o]) => `${V1}/customers/${c}/orders/${o}`),
    ),
    get('opportunities.list', 'Opportunity list (director: all)', 'director', [
      `${V1}/opportunities?page=1&pageSize=20`,
    ]),
    // docs/product.md#workbench: the home page's cards and this year's key figures
    get('workbench', 'Workbench (director: all)', 'director', [`${V1}/workbench`]),
    get('workbench.manager', 'Workbench (manager)', 'manager', [`${V1}/workbench`]),
    get('scope.workbench', 'Workbench (regional director: region)', 'regional', [`${V1}/workbench`]),
    get('services.list', 'Service list', 'director', [`${V1}/services?page=1&pageSize=20`]),
    get('churn.list', 'Churn warning list (director: all)', 'director', [`${V1}/churn-warnings?page=1&pageSize=20`]),
    get('reports.contribution', 'Report: contribution, all years', 'executive', [
      `${V1}/reports/contribution?page=1&pageSize=20`,
    ]),
    get('reports.contribution.year', `Report: contribution, ${s.year}`, 'executive', [
      `${V1}/reports/contribution?year=${s.year}&page=1&pageSize=20`,
    ]),
    get('reports.composition', 'Report: composition by level', 'executive', [`${V1}/reports/composition?by=level`]),
    get('reports.services', 'Report: services, all years', 'executive', [`${V1}/reports/services`]),
    get('reports.services.year', `Report: services, ${s.year}`, 'executive', [`${V1}/reports/services?year=${s.year}`]),
    get('reports.churn', 'Report: churn', 'executive', [`${V1}/reports/churn?page=1&pageSize=20`]),
    // docs/churn-risk.md#the-list: the customers at risk, highest first
    get('risk.list', 'Customers at risk, page 1 (director: all)', 'director', [
      `${V1}/customers/at-risk?page=1&pageSize=20`,
      `${V1}/customers/at-risk?level=high&page=1&pageSize=20`,
    ]),
    get(
      'risk.list.manager',
      'Customers at risk, one manager',
      'director',
      s.managerIds.map((id) => `${V1}/customers/at-risk?managerId=${id}&page=1&pageSize=20`),
    ),
    get('scope.risk', 'Customers at risk (regional director: region)', 'regional', [
      `${V1}/customers/at-risk?page=1&pageSize=20`,
    ]),
    // docs/search.md: global search as people type — one and two characters, names, pinyin initials, phone digits
    ...searchEndpoints(s),
    // the pipeline (docs/pipeline.md): the board (one index range per column), the forecast and win/loss
    get('pipeline.board', 'Pipeline board (director: all)', 'director', [`${V1}/opportunities/board`]),
    get(
      'pipeline.board.manager',
      'Pipeline board, one assignee',
      'director',
      s.managerIds.map((id) => `${V1}/opportunities/board?assigneeId=${id}`),
    ),
    get('reports.forecast', 'Report: sales forecast, 6 months', 'executive', [`${V1}/reports/forecast`]),
    get('reports.winLoss', `Report: win/loss, ${s.year}`, 'executive', [
      `${V1}/reports/win-loss?from=${s.year}-01-01&to=${s.year}-12-31`,
    ]),
    get('scope.board', 'Pipeline board (regional director: region)', 'regional', [`${V1}/opportunities/board`]),
    // docs/organisation.md#data-scope: a regional director (departmentTree) reads through the scope condition
    get('scope.customers', 'Customer list, page 1 (regional director: region)', 'regional', [
      `${V1}/customers?page=1&pageSize=20`,
    ]),
    get('scope.opportunities', 'Opportunity list (regional director: region)', 'regional', [
      `${V1}/opportunities?page=1&pageSize=20`,
    ]),
    // its services are those of its people and of its people's customers (11.4 s at XL while the customer's manager
    // was looked up per service)
    get('scope.services', 'Service list (regional director: region)', 'regional', [
      `${V1}/services?page=1&pageSize=20`,
    ]),
    get('scope.contribution', 'Report: contribution, all years (regional director: region)', 'regional', [
      `${V1}/reports/contribution?page=1&pageSize=20`,
    ]),
    {
      key: 'auth.signIn',
      name: 'Sign-in (argon2id)',
      role: null,
      method: 'POST',
      paths: [`${V1}/auth/login`],
      body: JSON.stringify({ username: 'manager2', password: DEMO_PASSWORD }),
    },
  ];
}

/** Global search (docs/search.md, target p95 ≤ 30 ms at scale L): what people type, as the manager and as the regional director. */
function searchEndpoints(s: Sample): Endpoint[] {
  const at = (qs: string[]) => qs.map((q) => `${V1}/search?q=${encodeURIComponent(q)}`);
  const brands = BRANDS.slice(0, 30);
  const short = [...brands.map((b) => b.slice(0, 1)), ...brands, ...SURNAMES.slice(0, 20)];
  const names = brands.flatMap((b, i) => [`${CITIES[i % CITIES.length]}${b}`, `${b}科技`]);
  const initials = brands.flatMap((b, i) => [
    pinyinForms(b).initials.split(' ')[0]!,
    pinyinForms(`${CITIES[i % CITIES.length]}${b}`).initials.split(' ')[0]!,
  ]);
  const phones = (s.phones.length ? s.phones : ['13812345678']).flatMap((p) => [p.slice(-4), p.slice(3, 9), p]);
  const endpoint = (key: string, name: string, role: Endpoint['role'], qs: string[]): Endpoint => ({
    key,
    name,
    role,
    method: 'GET',
    paths: at(qs),
  });
  return [
    endpoint('search.short', 'Search, 1–2 characters', 'manager', short),
    endpoint('search.name', 'Search, a name (3–4 characters)', 'manager', names),
    endpoint('search.initials', 'Search, pinyin initials', 'manager', initials),
    endpoint('search.phone', 'Search, phone digits (4–11)', 'manager', phones),
    endpoint('scope.search', 'Search, 1–4 characters (regional director: region)', 'regional', [...short, ...initials]),
  ];
}
