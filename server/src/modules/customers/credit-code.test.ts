import { isCreditCode } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { buildCustomer, dictionaryId, errorPaths, testApp, userId } from '../../test/factories.ts';

/** docs/product.md#customers, rule 10: the 统一社会信用代码, checked by its check character, unique when set. */
const { t, director, manager1 } = await testApp('director', 'manager1');

// published codes of well-known companies (their registrations), and the same with the check character changed
const VALID = ['91350100M000100Y43', '91110000802100433B', '91440300708461136T', '91110108551385082Q'];
const WRONG_CHECK = ['91350100M000100Y44', '91110000802100433C', '91440300708461136U', '91110108551385082R'];

const countCustomers = async () =>
  (await t.database.query<{ n: number }>('select count(*)::int as n from customers'))[0]!.n;
const body = async (extra: Record<string, unknown>) => ({
  name: `信用代码测试${Math.random().toString(36).slice(2, 8)}公司`,
  regionId: await dictionaryId(t, 'region'),
  levelId: await dictionaryId(t, 'customerLevel'),
  managerId: await userId(t, 'manager1'),
  satisfaction: 3,
  credit: 3,
  ...extra,
});

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts published codes and refuses each with a wrong check character, a wrong length or a letter it never uses', () => {
    for (const code of VALID) expect(isCreditCode(code), code).toBe(true);
    for (const code of WRONG_CHECK) expect(isCreditCode(code), code).toBe(false);
    expect(isCreditCode(VALID[0]!.toLowerCase())).toBe(true);
    for (const code of ['91350100M000100Y4', '91350100M000100Y433', '91350100M000I00Y43', '9135010AM000100Y43', ''])
      expect(isCreditCode(code), code).toBe(false);
  });

  it('is stored upper case; a wrong one is 400 naming creditCode, and nothing is written', async () => {
    const created = await manager1.post('/customers', await body({ creditCode: ` ${VALID[0]!.toLowerCase()} ` }));
    expect(created.status).toBe(201);
    expect(created.body.creditCode).toBe(VALID[0]);
    expect((await manager1.get(`/customers/${created.body.id}`)).body.creditCode).toBe(VALID[0]);

    const before = await countCustomers();
    const refused = await manager1.post('/customers', await body({ creditCode: WRONG_CHECK[1] }));
    expect(refused.status).toBe(400);
    expect(errorPaths(refused)).toEqual(['creditCode']);
    expect(await countCustomers()).toBe(before);
    const patched = await manager1.patch(`/customers/${created.body.id}`, { version: 1, creditCode: 'ABC' });
    expect(patched.status).toBe(400);
    expect((await manager1.get(`/customers/${created.body.id}`)).body).toMatchObject({
      creditCode: VALID[0],
      version: 1,
    });
  });

  it("another customer's code is 409 CONFLICT naming creditCode, on create and on edit; emptying a code frees it", async () => {
    const holder = await buildCustomer(t, { manager: 'manager1', creditCode: VALID[1] });
    const other = await buildCustomer(t, { manager: 'manager1' });
    const before = await countCustomers();

    const taken = await manager1.post('/customers', await body({ creditCode: VALID[1] }));
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('CONFLICT');
    expect(errorPaths(taken)).toEqual(['creditCode']);
    expect(await countCustomers()).toBe(before);

    const edit = await director.patch(`/customers/${other.id}`, { version: other.version, creditCode: VALID[1] });
    expect(edit.status).toBe(409);
    expect(errorPaths(edit)).toEqual(['creditCode']);
    expect((await director.get(`/customers/${other.id}`)).body).toMatchObject({ creditCode: null, version: 1 });

    // the holder lets it go: the other customer may then have it
    expect((await manager1.patch(`/customers/${holder.id}`, { version: 1, creditCode: '' })).body.creditCode).toBe(
      null,
    );
    const moved = await director.patch(`/customers/${other.id}`, { version: 1, creditCode: VALID[1] });
    expect(moved.status).toBe(200);
    expect(moved.body.creditCode).toBe(VALID[1]);
  });

  it('any number of customers may have none', async () => {
    const a = await manager1.post('/customers', await body({ creditCode: null }));
    const b = await manager1.post('/customers', await body({}));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.body.creditCode, b.body.creditCode]).toEqual([null, null]);
  });
});
