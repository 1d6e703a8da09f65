import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSalesSchema, salesWriter, signIn } from '../../test/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let m1: Client, executive: Client;

const TV = { name: '幸福牌电视机', model: 'FS-3200', batch: '2689 6688', unit: '台', price: 2999.9, memo: '32寸液晶' };

beforeAll(async () => {
  t = await createTestApp();
  [m1, executive] = await signIn(t, 'manager1', 'executive');
  await installSalesSchema(t.database);
  const w = salesWriter(t.database.query);
  const tv = await w.product(TV);
  const pc = await w.product({ name: '海龙笔记本电脑', model: 'i61', batch: 'HL-2026A', unit: '台', price: 6500 });
  for (let i = 0; i < 5; i++)
    await w.product({ name: `办公椅${i}`, model: `C-${i}`, batch: 'OC', unit: '把', price: 300 + i });
  await w.inventory({ productId: tv, warehouse: '北京-西直门库', location: 'EC-D2', quantity: 120, memo: '新到货' });
  await w.inventory({ productId: tv, warehouse: '上海-浦东库', location: 'SH-A1', quantity: 40 });
  await w.inventory({ productId: pc, warehouse: '北京-西直门库', location: 'EC-B7', quantity: 15 });
});
afterAll(() => t.close());

describe('product lookup (docs/product.md#product-and-inventory-lookup, rule 1)', () => {
  it('finds products by a part of name, model or batch, any case', async () => {
    const byName = await m1.get(`/products?name=${encodeURIComponent('电视')}`);
    expect(byName.status).toBe(200);
    expect(byName.body.items).toEqual([{ id: expect.any(Number), ...TV }]);
    expect((await m1.get('/products?model=I6')).body.items.map((p: { name: string }) => p.name)).toEqual([
      '海龙笔记本电脑',
    ]);
    expect((await m1.get('/products?batch=hl-2026')).body.total).toBe(1);
    expect((await m1.get('/products?name=%25')).body.total).toBe(0);
  });

  it('pages through the products', async () => {
    const res = await m1.get('/products?page=2&pageSize=3');
    expect(res.body).toMatchObject({ total: 7, page: 2, pageSize: 3 });
    expect(res.body.items).toHaveLength(3);
  });

  it('needs a session and product.read', async () => {
    expect((await t.anonymous().get('/products')).status).toBe(401);
    expect((await executive.get('/products')).status).toBe(403);
  });
});

describe('inventory lookup (docs/product.md#product-and-inventory-lookup, rule 2)', () => {
  it('finds stock by product and warehouse', async () => {
    const res = await m1.get(
      `/inventory?product=${encodeURIComponent('电视机')}&warehouse=${encodeURIComponent('西直门')}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        id: expect.any(Number),
        productId: expect.any(Number),
        productName: '幸福牌电视机',
        model: 'FS-3200',
        batch: '2689 6688',
        warehouse: '北京-西直门库',
        location: 'EC-D2',
        quantity: 120,
        memo: '新到货',
      },
    ]);
    expect((await m1.get(`/inventory?warehouse=${encodeURIComponent('北京')}`)).body.total).toBe(2);
    expect((await m1.get('/inventory?product=i61')).body.items.map((i: { location: string }) => i.location)).toEqual([
      'EC-B7',
    ]);
    expect((await m1.get('/inventory?pageSize=1&page=3')).body).toMatchObject({
      total: 3,
      items: [expect.any(Object)],
    });
  });

  it('needs inventory.read', async () => {
    expect((await executive.get('/inventory')).status).toBe(403);
  });
});

describe('a sales system that cannot be reached', () => {
  it('answers 503 SALES_UNAVAILABLE within 5 s while customers keep working', async () => {
    const down = await createTestApp({ SALES_DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/sales' });
    try {
      const manager = await down.login('manager1');
      for (const path of ['/products', '/inventory']) {
        const started = Date.now();
        const res = await manager.get(path);
        expect(res.status).toBe(503);
        expect(res.body.error).toMatchObject({ code: 'SALES_UNAVAILABLE' });
        expect(res.body.error.message).not.toMatch(/127\.0\.0\.1|secret|ECONN/);
        expect(Date.now() - started).toBeLessThan(5_000);
      }
      expect((await manager.get('/customers')).status).toBe(200);
      expect((await manager.get('/sales/status')).body).toEqual({ asOf: null, reachable: false });
    } finally {
      await down.close();
    }
  });
});
