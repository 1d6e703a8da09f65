import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { buildCustomer, buildSalesYear } from '../../test/factories.ts';

/**
 * The contribution report without a name filter reads its order from the indexes in runs (positive amounts, none or
 * 0, negative ones): every page, across every run boundary, must equal one sort of all customers by amount desc,
 * customer id — with ties, customers without figures, a customer whose years add up to 0, and a negative total.
 */
let t: TestApp;
let executive: Client;

type Item = { customerId: number; customerNumber: string; customerName: string; amount: number };

beforeAll(async () => {
  t = await createTestApp();
  executive = await t.login('executive');
  const amounts: [string, number, string][] = [
    ['甲', 2025, '100.00'],
    ['甲', 2026, '50.00'], // 150 over all years
    ['乙', 2026, '150.00'], // a tie with 甲 over all years
    ['丙', 2025, '-20.00'], // negative (a correction)
    ['丁', 2025, '30.00'],
    ['丁', 2026, '-30.00'], // 0 over all years, but amounts in each year
    ['戊', 2025, '0.00'],
    ['己', 2025, '-5.50'],
    ['己', 2026, '0.25'],
    ['庚', 2026, '150.00'],
    ['辛', 2025, '7.75'],
  ];
  const names = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸', '子', '丑'];
  const numbers = new Map<string, string>();
  for (const name of names) numbers.set(name, (await buildCustomer(t, { name: `贡献客户${name}`, bare: true })).number);
  for (const [name, year, amount] of amounts) await buildSalesYear(t, numbers.get(name)!, year, amount);
  // figures of a number no customer has: never part of the report
  await buildSalesYear(t, 'KH19990101999', 2026, '999.00');
});
afterAll(() => t.close());

/** The expected report, computed independently: every customer, amount summed in SQL, sorted in one go. */
async function expected(year?: number) {
  return t.database.query<{ customerId: number; amount: string }>(
    `select c.id as "customerId", coalesce(sum(y.amount), 0)::text as amount
     from customers c left join customer_sales_years y on y.customer_no = c.number ${year ? 'and y.year = $1' : ''}
     group by c.id order by coalesce(sum(y.amount), 0) desc, c.id`,
    year ? [year] : [],
  );
}

describe('contribution pages without a name filter', () => {
  for (const year of [undefined, 2025, 2026]) {
    it(`every page size and page equals one sort of all customers (${year ?? 'all years'})`, async () => {
      const all = await expected(year);
      const totalAmount = Math.round(all.reduce((a, r) => a + Number(r.amount) * 100, 0)) / 100;
      for (const pageSize of [1, 2, 3, 5, 7, 20]) {
        for (let page = 1; page <= Math.ceil(all.length / pageSize) + 1; page++) {
          const res = await executive.get(
            `/reports/contribution?page=${page}&pageSize=${pageSize}${year ? `&year=${year}` : ''}`,
          );
          expect(res.status).toBe(200);
          expect(res.body.total).toBe(all.length);
          expect(res.body.totalAmount).toBe(totalAmount);
          const want = all.slice((page - 1) * pageSize, page * pageSize);
          expect(
            res.body.items.map((i: Item) => [i.customerId, i.amount]),
            `page ${page} of ${pageSize}`,
          ).toEqual(want.map((r) => [r.customerId, Number(r.amount)]));
        }
      }
    });
  }

  it('answers the same rows as the name-filtered path when the filter matches every customer', async () => {
    for (const year of [undefined, 2025]) {
      const q = `pageSize=100${year ? `&year=${year}` : ''}`;
      const whole = await executive.get(`/reports/contribution?${q}`);
      const filtered = await executive.get(`/reports/contribution?${q}&customerName=${encodeURIComponent('贡献客户')}`);
      expect(filtered.body.items).toEqual(whole.body.items);
      expect(filtered.body.totalAmount).toBe(whole.body.totalAmount);
    }
  });
});
