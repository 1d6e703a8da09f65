import * as N from './names.ts';
import type { Scale } from './scales.ts';
import { Params, type Query } from './sql-params.ts';

/** What every generation step needs: the day the data ends ("today") and the ids the base data gave. */
export type GenContext = {
  scale: Scale;
  /** `YYYY-MM-DD`: the last day of the generated history. */
  today: string;
  /** Days of history: `years × 365`. */
  span: number;
  managerIds: number[];
  directorIds: number[];
  regionIds: number[];
  /** customerLevel ids in the order of their value (1 普通客户 … 5 战略合作伙伴). */
  levelIds: number[];
  serviceTypeIds: number[];
};

/** A person's name: a surname and one or two given characters. */
export const personName = (p: Params) =>
  `${p.pick(N.SURNAMES)} || ${p.pick(N.GIVEN_CHARS)} || case when random() < 0.6 then ${p.pick(N.GIVEN_CHARS)} else '' end`;

/** A company name: city + brand + industry + legal form, e.g. 北京华信科技有限公司. */
export const companyName = (p: Params, city: string) =>
  `${city} || ${p.pick(N.BRANDS)} || ${p.pick(N.INDUSTRIES)} || ${p.pick(N.COMPANY_SUFFIXES)}`;

const digits = (n: number) => `lpad(floor(random() * 1e${n})::bigint::text, ${n}, '0')`;

/**
 * Customers with ids 1..n, created evenly over the history (ids grow with creation, as the serial would give them).
 * Numbers are docs/product.md#customers, rule 2's `KH yyyyMMdd NNN` with the day's sequence, and `customer_number_days`
 * is left where the app's counter must continue from, so that a customer created through the API never collides.
 */
export async function insertCustomers(q: Query, g: GenContext) {
  const p = new Params();
  const today = p.add(g.today);
  const span = p.add(g.span);
  const n = p.add(g.scale.customers);
  const levels = p.add(g.levelIds);
  await q(
    `insert into customers (id, number, name, region_id, manager_id, level_id, satisfaction, credit, address, postcode, phone,
       fax, website, licence_no, legal_representative, registered_capital, annual_turnover, bank, bank_account,
       local_tax_no, national_tax_no, status, created_at, updated_at, version)
     select id, 'KH' || to_char(day, 'YYYYMMDD') || lpad(row_number() over (partition by day order by id)::text, 3, '0'),
       ${companyName(p, 'city')}, ${p.pickInt(g.regionIds)}, ${p.pickInt(g.managerIds)},
       (${levels}::int[])[case when r < 0.5 then 1 when r < 0.7 then 2 when r < 0.85 then 3 when r < 0.95 then 4 else 5 end],
       case when random() < 0.05 then null else 1 + floor(random() * 5)::int end,
       case when random() < 0.05 then null else 1 + floor(random() * 5)::int end,
       city || '市' || ${p.pick(N.DISTRICTS)} || ${p.pick(N.ROADS)} || (1 + floor(random() * 300)::int) || '号',
       (100000 + floor(random() * 800000)::int)::text,
       '0' || (10 + floor(random() * 890)::int) || '-' || ${digits(8)},
       case when random() < 0.5 then null else '0' || (10 + floor(random() * 890)::int) || '-' || ${digits(8)} end,
       'https://www.kh' || id || '.com.cn',
       '91' || ${digits(6)} || 'MA' || ${digits(8)} || 'X',
       ${personName(p)},
       round((10 + random() * 9990)::numeric * 10000, 2), round((50 + random() * 49950)::numeric * 10000, 2),
       ${p.pick(['中国工商银行', '中国建设银行', '中国银行', '中国农业银行', '招商银行', '交通银行'])} || city || '分行',
       '6222' || ${digits(15)}, '1101' || ${digits(11)}, '9111' || ${digits(14)},
       'normal', at, at, 1
     from (
       select id, day, city, random() as r, day + interval '8 hours' + random() * interval '10 hours' as at
       from (
         select g as id, ${today}::date - ${span}::int + ((g - 1)::bigint * ${span} / ${n})::int as day,
                ${p.pick(N.CITIES)} as city
         from generate_series(1, ${n}::int) g
       ) base
     ) x`,
    p.values,
  );
  await q(`select setval(pg_get_serial_sequence('customers', 'id'), (select max(id) from customers))`);
  await q(`insert into customer_number_days (day, last) select created_at::date, count(*) from customers group by 1`);
}

/**
 * The plan behind the orders (an unlogged helper table, dropped at the end): each customer's kind — `active`,
 * `churned` (last order more than 200 days ago: the churn check must warn it), `recovered` (warned once, ordered
 * again), `none` (created in the last 180 days, no order yet) — its ordering window and its number of orders,
 * allotted so that the total is exactly the scale's order count.
 */
export async function planOrders(q: Query, g: GenContext) {
  const churned = Math.round(g.scale.churnWarnings * 0.9);
  const recovered = g.scale.churnWarnings - churned;
  await q(`drop table if exists bench_plan`);
  await q(`create unlogged table bench_plan (id int primary key, number text not null, address text not null,
    created_day date not null, kind text not null, first_day date, last_day date, n_orders int not null default 0)`);
  const p = new Params();
  const today = p.add(g.today);
  await q(
    `insert into bench_plan (id, number, address, created_day, kind)
     select id, number, address, created_at::date,
            case when created_at::date > ${today}::date - 180 and random() < 0.2 then 'none' else 'active' end
     from customers`,
    p.values,
  );
  for (const [kind, count] of [
    ['churned', churned],
    ['recovered', recovered],
  ] as const) {
    await q(
      `update bench_plan set kind = $1 where id in (
         select id from bench_plan where kind = 'active' and created_day <= $2::date - 400 order by random() limit $3)`,
      [kind, g.today, count],
    );
  }
  await q(
    `update bench_plan set first_day = created_day,
       last_day = case when kind = 'churned'
                       then created_day + 30 + floor(random() * (($1::date - 200) - (created_day + 30)))::int
                       else greatest(created_day, $1::date - floor(random() * random() * 150)::int) end
     where kind <> 'none'`,
    [g.today],
  );
  // Σ n_orders = orders exactly: one each, the rest by a cumulative split of random weights (numeric, no drift).
  await q(
    `with w as (
       select id, ((last_day - first_day + 30) * -ln(1 - random()))::numeric as w from bench_plan where kind <> 'none'
     ), c as (
       select id, w, sum(w) over (order by id) as cum, sum(w) over () as total, count(*) over () as cnt from w
     )
     update bench_plan p set n_orders = 1 + floor(c.cum * ($1 - c.cnt) / c.total) - floor((c.cum - c.w) * ($1 - c.cnt) / c.total)
     from c where c.id = p.id`,
    [g.scale.orders],
  );
}

/** Contacts (联系人) and interaction records (交往记录) for every customer. */
export async function insertContactsAndActivities(q: Query, g: GenContext) {
  const p = new Params();
  await q(
    `insert into contacts (customer_id, name, sex, position, office_phone, mobile, note, created_at)
     select c.id, ${personName(p)}, case when random() < 0.6 then 'male' else 'female' end, ${p.pick(N.POSITIONS)},
            case when random() < 0.2 then null else c.phone end,
            '1' || (30 + floor(random() * 60)::int) || ${digits(8)},
            case when random() < 0.8 then null else '主要联系人' end, c.created_at
     from customers c cross join generate_series(1, ${p.add(g.scale.contactsPerCustomer)}::int) k`,
    p.values,
  );
  const a = new Params();
  const today = a.add(g.today);
  await q(
    `insert into activities (customer_id, date, place, summary, details, note, created_at)
     select id, d, ${a.pick(N.PLACES)}, ${a.pick(N.ACTIVITY_SUMMARIES)},
            case when random() < 0.3 then null else ${a.pick(N.ACTIVITY_DETAILS)} end, null,
            d + interval '9 hours' + random() * interval '9 hours'
     from (
       select c.id, c.created_at::date + floor(random() * (${today}::date - c.created_at::date + 1))::int as d
       from customers c cross join generate_series(1, ${a.add(g.scale.activitiesPerCustomer)}::int) k
     ) x`,
    a.values,
  );
}
