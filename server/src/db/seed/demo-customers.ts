import { sql } from 'drizzle-orm';
import { creditCodeCheckCharacter } from '@crm/contracts';
import { localDay, utcDay } from '../../platform/calendar.ts';
import { SALES_DDL, SALES_SCHEMA_EXISTS } from '../../sales/ddl.ts';
import type { Tx } from '../client.ts';
import { rows } from '../sql.ts';
import * as D from './demo-sales-data.ts';

const DAY = 86_400_000;
const CUSTOMERS = 60;
/** Customers whose orders stop 7–20 months before `now` (the churn check finds them). */
const SILENT = new Set([3, 11, 17, 24, 31, 38, 45, 52]);
/** Customers that never ordered although they exist for 8–12 months. */
const NEVER_ORDERED = new Set([58, 59]);
/** New customers of the last year. */
const NEW = new Set([50, 51, 53, 54, 55, 56, 57]);

/** A seeded generator: the same company on every first start. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
  return { next, int, pick, digits };
}

const isoDay = (t: number) => utcDay(new Date(t));
const param = <T>(a: T[]) => sql.param(a);

type Made = {
  id: number;
  number: string;
  address: string;
  createdAt: number;
  level: number;
  silentSince?: number;
  never: boolean;
};

/**
 * The demo company's customers (with contacts and interaction records), and — when the CRM reads the `sales` schema
 * of its own database and that schema does not exist yet — the sales system's products, inventory and three years of
 * orders in every status. Everything is inserted set-based (`insert … select from unnest(…)`), anchored on `now`.
 */
export async function seedDemoCustomers(
  tx: Tx,
  users: Record<string, number>,
  now: Date,
  options: { salesSchema?: boolean } = {},
) {
  const g = generator(20261125);
  const entries = await rows<{ id: number; type: string; item: string; value: string }>(
    tx,
    sql`select id, type, item, value from dictionary_entries`,
  );
  const entry = (type: string, item: string) => entries.find((e) => e.type === type && e.item === item)!.id;
  const levels = entries.filter((e) => e.type === 'customerLevel').sort((a, b) => Number(a.value) - Number(b.value));

  const names = new Set<string>();
  const c = {
    number: [] as string[],
    name: [] as string[],
    region: [] as number[],
    manager: [] as number[],
    level: [] as number[],
    satisfaction: [] as number[],
    credit: [] as number[],
    address: [] as string[],
    postcode: [] as string[],
    phone: [] as string[],
    fax: [] as (string | null)[],
    website: [] as (string | null)[],
    licence: [] as string[],
    creditCode: [] as string[],
    legal: [] as string[],
    capital: [] as string[],
    turnover: [] as string[],
    bank: [] as string[],
    account: [] as string[],
    localTax: [] as string[],
    nationalTax: [] as string[],
    createdAt: [] as string[],
  };
  const perDay = new Map<string, number>();
  const meta: Omit<Made, 'id' | 'number'>[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const [city, region, street, postcode, area] = D.CITIES[i % D.CITIES.length]!;
    let name = '';
    do name = `${city}${g.pick(D.BRANDS)}${g.pick(D.TRADES)}`;
    while (names.has(name));
    names.add(name);
    const daysAgo = NEW.has(i) ? g.int(20, 330) : NEVER_ORDERED.has(i) ? g.int(240, 360) : g.int(3 * 365 + 30, 6 * 365);
    const created = now.getTime() - daysAgo * DAY - g.int(0, 8 * 3600) * 1000;
    const day = localDay(new Date(created));
    const seq = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, seq);
    const level = i % 9 === 0 ? 4 : i % 7 === 0 ? 3 : i % 4 === 0 ? 2 : i % 3 === 0 ? 1 : 0;
    // a valid 统一社会信用代码 (docs/product.md#customers, rule 10): 91 (an enterprise), a Beijing-like division, the
    // organisation code, the check character
    const code17 = `9111${g.digits(4)}${g.pick(['MA0', 'MA1', '7'])}${g.digits(8)}`.slice(0, 17);
    const creditCode = `${code17}${creditCodeCheckCharacter(code17)}`;
    const address = `${street}${g.int(1, 299)}号${g.pick(['', 'A座', 'B座', '大厦'])}${g.int(2, 22)}层`;
    c.number.push(`KH${day.replaceAll('-', '')}${String(seq).padStart(3, '0')}`);
    c.name.push(name);
    c.region.push(entry('region', region));
    c.manager.push(i % 2 === 0 ? users.manager1! : users.manager2!);
    c.level.push(levels[level]!.id);
    c.satisfaction.push(g.int(2, 5));
    c.credit.push(g.int(level >= 3 ? 4 : 2, 5));
    c.address.push(address);
    c.postcode.push(postcode);
    c.phone.push(`${area}-${g.int(5, 8)}${g.digits(7)}`);
    c.fax.push(g.next() < 0.6 ? `${area}-${g.int(5, 8)}${g.digits(7)}` : null);
    c.website.push(g.next() < 0.5 ? `www.kh${100 + i}.com.cn` : null);
    c.licence.push(creditCode);
    c.creditCode.push(creditCode);
    c.legal.push(`${g.pick(D.SURNAMES)}${g.pick(D.GIVEN_NAMES)}`);
    c.capital.push(String(g.pick([50, 100, 200, 500, 1000, 2000, 5000, 10000]) * (level + 1)));
    c.turnover.push((g.int(300, 20000) * (level + 1) * 10000).toFixed(2));
    c.bank.push(`${g.pick(D.BANKS)}${city}分行`);
    c.account.push(`62${g.digits(17)}`);
    c.localTax.push(creditCode);
    c.nationalTax.push(creditCode);
    c.createdAt.push(new Date(created).toISOString());
    const silentSince = SILENT.has(i) ? now.getTime() - g.int(7 * 30, 20 * 30) * DAY : undefined;
    meta.push({ address, createdAt: created, level, silentSince, never: NEVER_ORDERED.has(i) });
  }

  const inserted = await rows<{ id: number; number: string }>(
    tx,
    sql`insert into customers (number, name, credit_code, region_id, manager_id, level_id, satisfaction, credit, address, postcode, phone, fax,
          website, licence_no, legal_representative, registered_capital, annual_turnover, bank, bank_account, local_tax_no,
          national_tax_no, created_at, updated_at)
        select n, na, cc, r, m, l, s, cr, a, pc, ph, fx, w, li, lg, cap, tu, b, ac, lt, nt, ca, ca
        from unnest(${param(c.number)}::text[], ${param(c.name)}::text[], ${param(c.creditCode)}::text[], ${param(c.region)}::int[], ${param(c.manager)}::int[],
          ${param(c.level)}::int[], ${param(c.satisfaction)}::smallint[], ${param(c.credit)}::smallint[], ${param(c.address)}::text[],
          ${param(c.postcode)}::text[], ${param(c.phone)}::text[], ${param(c.fax)}::text[], ${param(c.website)}::text[],
          ${param(c.licence)}::text[], ${param(c.legal)}::text[], ${param(c.capital)}::numeric[], ${param(c.turnover)}::numeric[],
          ${param(c.bank)}::text[], ${param(c.account)}::text[], ${param(c.localTax)}::text[], ${param(c.nationalTax)}::text[],
          ${param(c.createdAt)}::timestamptz[])
          as t(n, na, cc, r, m, l, s, cr, a, pc, ph, fx, w, li, lg, cap, tu, b, ac, lt, nt, ca)
        returning id, number`,
  );
  // the daily counters behind the numbers, so that later numbers of those days do not collide
  await tx.execute(sql`insert into customer_number_days (day, last)
    select d::date, l from unnest(${param([...perDay.keys()])}::text[], ${param([...perDay.values()])}::int[]) as t(d, l)
    on conflict (day) do update set last = greatest(customer_number_days.last, excluded.last)`);
  const byNumber = new Map(inserted.map((r) => [r.number, r.id]));
  const made: Made[] = meta.map((m, i) => ({ ...m, id: byNumber.get(c.number[i]!)!, number: c.number[i]! }));

  await seedPeopleAndActivities(tx, g, made, now);
  if (options.salesSchema !== false) await seedSalesSystem(tx, g, made, now);
  return made;
}

async function seedPeopleAndActivities(tx: Tx, g: ReturnType<typeof generator>, made: Made[], now: Date) {
  const k = {
    customer: [] as number[],
    name: [] as string[],
    sex: [] as string[],
    position: [] as string[],
    office: [] as string[],
    mobile: [] as (string | null)[],
    note: [] as (string | null)[],
  };
  const a = {
    customer: [] as number[],
    date: [] as string[],
    place: [] as string[],
    summary: [] as string[],
    details: [] as (string | null)[],
    note: [] as (string | null)[],
  };
  for (const m of made) {
    for (let j = g.int(1, 3); j > 0; j--) {
      const given = g.pick(D.GIVEN_NAMES);
      k.customer.push(m.id);
      k.name.push(`${g.pick(D.SURNAMES)}${given}`);
      k.sex.push(D.FEMALE_GIVEN.has(given) ? 'female' : 'male');
      k.position.push(g.pick(D.POSITIONS));
      k.office.push(`0${g.int(10, 99)}-${g.int(5, 8)}${g.digits(7)}`);
      k.mobile.push(g.next() < 0.8 ? `1${g.pick(['38', '39', '58', '86', '35'])}${g.digits(8)}` : null);
      k.note.push(g.next() < 0.2 ? g.pick(['负责年度采购审批', '习惯上午联系', '技术对接人', '决策人之一']) : null);
    }
    const end = m.silentSince ?? now.getTime();
    for (let j = g.int(2, 6); j > 0; j--) {
      const [place, summary, details] = g.pick(D.ACTIVITIES);
      a.customer.push(m.id);
      a.date.push(isoDay(m.createdAt + g.next() * Math.max(end - m.createdAt, DAY)));
      a.place.push(place);
      a.summary.push(summary);
      a.details.push(details);
      a.note.push(g.next() < 0.15 ? '需下次跟进' : null);
    }
  }
  await tx.execute(sql`insert into contacts (customer_id, name, sex, position, office_phone, mobile, note)
    select * from unnest(${param(k.customer)}::int[], ${param(k.name)}::text[], ${param(k.sex)}::text[], ${param(k.position)}::text[],
      ${param(k.office)}::text[], ${param(k.mobile)}::text[], ${param(k.note)}::text[])`);
  await tx.execute(sql`insert into activities (customer_id, date, place, summary, details, note)
    select * from unnest(${param(a.customer)}::int[], ${param(a.date)}::date[], ${param(a.place)}::text[], ${param(a.summary)}::text[],
      ${param(a.details)}::text[], ${param(a.note)}::text[])`);
}

/** The sales system of the demo: only where the CRM itself holds it, and only once. */
async function seedSalesSystem(tx: Tx, g: ReturnType<typeof generator>, made: Made[], now: Date) {
  const [exists] = await rows<{ exists: boolean }>(tx, sql.raw(SALES_SCHEMA_EXISTS));
  if (exists?.exists) return;
  for (const statement of SALES_DDL.split(';')
    .map((s) => s.trim())
    .filter(Boolean))
    await tx.execute(sql.raw(statement));

  const P = D.PRODUCTS;
  await tx.execute(sql`insert into sales.products (id, name, model, batch, unit, price, memo)
    select * from unnest(${param(P.map((_, i) => i + 1))}::bigint[], ${param(P.map((p) => p[0]))}::text[], ${param(P.map((p) => p[1]))}::text[],
      ${param(P.map((p) => p[2]))}::text[], ${param(P.map((p) => p[3]))}::text[], ${param(P.map((p) => p[4].toFixed(2)))}::numeric[],
      ${param(P.map((p) => p[5]))}::text[])`);
  const inv = {
    product: [] as number[],
    warehouse: [] as string[],
    location: [] as string[],
    quantity: [] as number[],
    memo: [] as (string | null)[],
  };
  P.forEach((_, i) => {
    const stores = new Set([g.pick(D.WAREHOUSES), g.pick(D.WAREHOUSES), D.WAREHOUSES[i % 2]!]);
    for (const [warehouse, prefix] of stores) {
      inv.product.push(i + 1);
      inv.warehouse.push(warehouse);
      inv.location.push(`${prefix}-${String.fromCharCode(65 + g.int(0, 5))}${g.int(1, 9)}`);
      inv.quantity.push(g.next() < 0.08 ? 0 : g.int(3, 400));
      inv.memo.push(g.next() < 0.1 ? g.pick(['新到货', '展示样机', '待质检', '促销备货']) : null);
    }
  });
  await tx.execute(sql`insert into sales.inventory (id, product_id, warehouse, location, quantity, memo)
    select row_number() over (), * from unnest(${param(inv.product)}::bigint[], ${param(inv.warehouse)}::text[], ${param(inv.location)}::text[],
      ${param(inv.quantity)}::int[], ${param(inv.memo)}::text[])`);

  // Three years of orders: big customers order more often; old orders are paid, recent ones in every status.
  const o = {
    id: [] as number[],
    customer: [] as string[],
    date: [] as string[],
    address: [] as string[],
    status: [] as number[],
  };
  const l = {
    order: [] as number[],
    product: [] as number[],
    quantity: [] as number[],
    unit: [] as string[],
    price: [] as string[],
  };
  const start = now.getTime() - 3 * 365 * DAY;
  for (const m of made) {
    if (m.never) continue;
    const from = Math.max(start, m.createdAt);
    const to = m.silentSince ?? now.getTime();
    const perMonth = [0.5, 0.8, 1.4, 2, 2.5][m.level]!;
    for (let t = from; t < to; t += 30 * DAY) {
      let n = Math.floor(perMonth) + (g.next() < perMonth % 1 ? 1 : 0);
      for (; n > 0; n--) {
        const at = Math.min(t + g.next() * 30 * DAY, to - DAY);
        if (at < from) continue;
        const age = (now.getTime() - at) / DAY;
        const status =
          age > 60 ? (g.next() < 0.85 ? 6 : 5) : age > 20 ? g.pick([4, 5, 5, 6, 6]) : g.pick([1, 2, 3, 4, 5]);
        const id = 100_001 + o.id.length;
        o.id.push(id);
        o.customer.push(m.number);
        o.date.push(isoDay(at));
        o.address.push(g.next() < 0.85 ? m.address : `${m.address.slice(0, 9)}仓储中心`);
        o.status.push(status);
        for (let j = g.int(1, 4); j > 0; j--) {
          const p = g.int(0, P.length - 1);
          l.order.push(id);
          l.product.push(p + 1);
          l.quantity.push(P[p]![4] > 5000 ? g.int(1, 6) : g.int(2, 40));
          l.unit.push(P[p]![3]);
          l.price.push((P[p]![4] * g.pick([1, 1, 0.98, 0.95, 0.9])).toFixed(2));
        }
      }
    }
  }
  await tx.execute(sql`insert into sales.orders (id, customer_no, order_date, ship_address, status)
    select * from unnest(${param(o.id)}::bigint[], ${param(o.customer)}::text[], ${param(o.date)}::date[], ${param(o.address)}::text[],
      ${param(o.status)}::smallint[])`);
  await tx.execute(sql`insert into sales.order_lines (id, order_id, product_id, quantity, unit, unit_price)
    select 1000000 + row_number() over (), * from unnest(${param(l.order)}::bigint[], ${param(l.product)}::bigint[], ${param(l.quantity)}::int[],
      ${param(l.unit)}::text[], ${param(l.price)}::numeric[])`);
}
