import { creditCodeCheckCharacter } from '@crm/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { pgErrorCode } from '../../platform/errors.ts';
import { buildCustomer, dictionaryId, ok, signIn, userId } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { insertCustomers, type CustomerToCreate } from './create.ts';

/**
 * The set-based creation of customers (an import's batch): numbers, contacts, audit entries and webhook events as
 * one customer at a time writes them, a few statements for the whole set.
 */
const t = await createTestApp({ CRM_WEBHOOK_ALLOW_PRIVATE: '1' });
afterAll(() => t.close());
const [admin] = await signIn(t, 'admin');
ok(
  await admin.post('/webhooks', {
    name: '新客户',
    url: 'http://127.0.0.1:9/hook',
    events: ['customer.created'],
    format: 'json',
    active: true,
  }),
  201,
);
const managerId = await userId(t, 'manager1');
const details = {
  managerId,
  regionId: await dictionaryId(t, 'region'),
  levelId: await dictionaryId(t, 'customerLevel'),
  satisfaction: 3,
  credit: 4,
};
let serial = 7000;
const code = () => {
  const first17 = `91110108${String(++serial).padStart(9, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};
const item = (name: string, contact?: string): CustomerToCreate => ({
  values: { ...details, name, creditCode: code() },
  firstContact: contact ? { name: contact, sex: 'female', position: '采购经理', mobile: '13900000000' } : undefined,
});
const create = (items: CustomerToCreate[], skipTaken?: boolean) =>
  t.database.db.transaction((tx) =>
    insertCustomers(tx, { requestId: 'batch-test', now: t.clock.now, actor: { id: managerId } }, items, {
      skipTaken,
    }),
  );
const sequenceOf = (number: string) => Number(number.slice(10));
const audited = (ids: number[]) =>
  t.database.query<{ entity_id: string; action: string; user_id: number; after: Record<string, unknown> }>(
    `select entity_id, action, user_id, after from audit_log
     where entity = 'customer' and request_id = 'batch-test' and entity_id = any($1::text[]) order by id`,
    [ids.map(String)],
  );
const events = (ids: number[]) =>
  t.database.query<{ event: string; customer_id: number; number: string }>(
    `select event, (payload->'customer'->>'id')::int as customer_id, payload->'customer'->>'number' as number
     from webhook_deliveries where (payload->'customer'->>'id')::int = any($1::int[]) order by seq`,
    [ids],
  );

describe('creating customers as a set', () => {
  it('gives consecutive unique numbers, writes contacts, one audit entry and one event per customer', async () => {
    const made = (await create([
      item('批量客户甲有限公司', '张敏'),
      item('批量客户乙有限公司'),
      item('重庆批量客户丙', '曾乐'),
    ]))!;
    expect(made.map((c) => c?.name)).toEqual(['批量客户甲有限公司', '批量客户乙有限公司', '重庆批量客户丙']);
    const numbers = made.map((c) => c!.number);
    expect(new Set(numbers).size).toBe(3);
    expect(numbers.map(sequenceOf)).toEqual([0, 1, 2].map((i) => sequenceOf(numbers[0]!) + i));
    const ids = made.map((c) => c!.id);

    const contacts = await t.database.query<{ customer_id: number; name: string; name_pinyin: string }>(
      'select customer_id, name, name_pinyin from contacts where customer_id = any($1::int[]) order by customer_id',
      [ids],
    );
    expect(contacts).toEqual([
      { customer_id: ids[0], name: '张敏', name_pinyin: expect.stringContaining('zhangmin') },
      { customer_id: ids[2], name: '曾乐', name_pinyin: expect.stringContaining('zengle') },
    ]);
    const pinyin = await t.database.query<{ name_pinyin: string | null }>(
      'select name_pinyin from customers where id = any($1::int[]) order by id',
      [ids],
    );
    expect(pinyin.every((p) => p.name_pinyin)).toBe(true);

    const entries = await audited(ids);
    expect(entries.map((e) => [e.action, Number(e.entity_id), e.user_id])).toEqual(
      ids.map((id) => ['create', id, managerId]),
    );
    expect(entries[0]!.after).toMatchObject({ id: ids[0], number: numbers[0], firstContact: { name: '张敏' } });
    expect(entries[1]!.after).toMatchObject({ id: ids[1], number: numbers[1], firstContact: null });

    expect(await events(ids)).toEqual(
      ids.map((id, i) => ({ event: 'customer.created', customer_id: id, number: numbers[i] })),
    );
  });

  it('leaves out a customer whose credit code was taken meanwhile, without a gap in the numbers', async () => {
    const taken = await buildCustomer(t, { creditCode: code() });
    const clash: CustomerToCreate = { values: { ...details, name: '撞号客户', creditCode: taken.creditCode } };
    const made = await create([item('批量客户丁'), clash, item('批量客户戊', '李雷'), clash], true);
    expect(made.map((c) => c?.name ?? null)).toEqual(['批量客户丁', null, '批量客户戊', null]);
    const [first, , second] = made;
    expect(sequenceOf(first!.number)).toBe(sequenceOf(taken.number) + 1);
    expect(sequenceOf(second!.number)).toBe(sequenceOf(first!.number) + 1);
    // the day's counter gave back the two numbers not used: the next customer follows on
    const next = await buildCustomer(t);
    expect(sequenceOf(next.number)).toBe(sequenceOf(second!.number) + 1);

    const ids = [first!.id, second!.id];
    expect((await audited(ids)).map((e) => Number(e.entity_id))).toEqual(ids);
    expect((await events(ids)).map((e) => e.number)).toEqual([first!.number, second!.number]);
    const clashes = await t.database.query<{ n: number }>(
      `select count(*)::int as n from customers where credit_code = $1`,
      [taken.creditCode],
    );
    expect(clashes[0]!.n).toBe(1);
  });

  it('fails the transaction on a taken credit code unless told to skip it', async () => {
    const taken = await buildCustomer(t, { creditCode: code() });
    const error = await create([
      item('批量客户己'),
      { values: { ...details, name: '撞号', creditCode: taken.creditCode } },
    ]).catch((e: unknown) => e);
    expect(pgErrorCode(error)).toBe('23505');
    const left = await t.database.query(`select 1 from customers where name = '批量客户己'`);
    expect(left).toEqual([]);
  });
});
