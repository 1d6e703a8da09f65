import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsPattern } from '../../platform/pagination.ts';
import { createTestApp, type Client, type TestApp } from '../../test/harness.ts';
import { buildCustomer } from '../../test/factories.ts';

/**
 * A name part of one or two characters is searched through the short-gram index (server/src/db/search.ts), three
 * or more through the trigram index: either way the answer is exactly ILIKE's — case-blind, pattern characters
 * literal, spaces and mixed scripts included.
 */
let t: TestApp;
let manager: Client;

const NAMES = ['ABC贸易有限公司', 'abc', '华信科技', '信华商行', '100%公司', 'a_b 工作室', 'Zz 华', '信', 'ǅ字母'];

beforeAll(async () => {
  t = await createTestApp();
  for (const name of NAMES) await buildCustomer(t, { name });
  manager = await t.login('manager1');
});
afterAll(() => t.close());

/** What ILIKE alone answers (no index condition), and the plain case-blind test it stands for. */
async function ilike(part: string) {
  const found = await t.database.query<{ name: string }>('select name from customers where name ilike $1', [
    containsPattern(part),
  ]);
  return found.map((r) => r.name).sort();
}

describe('customer list: part of the name', () => {
  for (const part of [
    'b',
    'B',
    'Bc',
    'C贸',
    '华信',
    '信',
    '华',
    '%',
    '0%',
    '_',
    'a_',
    ' 工',
    'z ',
    'ǆ',
    'ǅ字',
    'ǆ字母',
    '华信科',
    '没有',
  ]) {
    it(`"${part}" finds exactly the names that contain it, whatever the case`, async () => {
      const res = await manager.get(`/customers?name=${encodeURIComponent(part)}&pageSize=100`);
      expect(res.status).toBe(200);
      const want = await ilike(part);
      // the ASCII cases at least are known without the database
      if (/^[ -~]+$/.test(part))
        expect(want).toEqual(NAMES.filter((n) => n.toLowerCase().includes(part.toLowerCase())).sort());
      expect(res.body.items.map((c: { name: string }) => c.name).sort()).toEqual(want);
      expect(res.body.total).toBe(want.length);
    });
  }
});
