import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../test/harness.ts';

type Response = { $ref?: string; content?: { 'application/json'?: { schema: object } } };
type Operation = { responses: Record<string, Response> };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, Response>; schemas: Record<string, object> };
};

let t: TestApp;
let admin: Client;
let doc: Document;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  doc = (await t.anonymous().get('/api/openapi.json')).body as Document;
}, 120_000);
afterAll(() => t.close());

// OpenAPI 3.0 schemas: `nullable` is ajv's own keyword; `example` and the like are not checks (strict off).
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const compiled = new Map<object, ValidateFunction>();

/** Whether an answer is documented for its operation, and conforms to the documented schema. */
function check(method: string, docPath: string, status: number, body: unknown): string | undefined {
  const op = doc.paths[docPath]?.[method.toLowerCase()];
  if (!op) return `${method} ${docPath}: not in the document`;
  let response = op.responses[String(status)];
  if (!response) return `${method} ${docPath}: ${status} undocumented`;
  if (response.$ref) response = doc.components.responses[response.$ref.split('/').pop()!]!;
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return body === '' || body === undefined || body === null ? undefined : `${status}: body undocumented`;
  if (!compiled.has(schema)) compiled.set(schema, ajv.compile({ ...schema, components: doc.components }));
  const validate = compiled.get(schema)!;
  return validate(body) ? undefined : `${method} ${docPath} ${status}: ${ajv.errorsText(validate.errors)}`;
}

const fill = (docPath: string, id: string) => docPath.replace(/\{[^}]+\}/g, id);

describe('answers conform to the OpenAPI document', () => {
  it('every GET answers as documented: signed in, with a missing record, and signed out', async () => {
    const gets = Object.entries(doc.paths).filter(([, methods]) => methods.get);
    expect(gets.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    const seen = new Set<number>();
    for (const [docPath] of gets) {
      const signedOut = await t.anonymous().get(fill(docPath, '1'));
      // the notification stream never ends (its answer is checked over a real connection in its own tests)
      const endless = docPath === '/api/v1/notifications/stream';
      const signedIn = endless ? signedOut : await admin.get(fill(docPath, '999999'));
      for (const res of [signedIn, signedOut]) {
        seen.add(res.status);
        const problem = check('GET', docPath, res.status, res.body);
        if (problem) wrong.push(problem);
      }
    }
    expect(wrong).toEqual([]);
    // and the check is not vacuous: a wrong shape or an undocumented status is caught
    expect(check('GET', '/api/v1/customers', 200, { items: 'none' })).toMatch(/items/);
    expect(check('GET', '/api/v1/customers', 418, {})).toMatch(/undocumented/);
    // what was seen: lists and records, missing records, no session
    expect([...seen].sort()).toEqual(expect.arrayContaining([200, 401, 404]));
  }, 300_000);

  it('refusals of changes answer as documented: invalid input, no permission, a missing record', async () => {
    const sales = await t.login('manager1');
    const wrong = [
      check('POST', '/api/v1/customers', ...(await answer(admin.post('/customers', { name: '' })))),
      check('POST', '/api/v1/users', ...(await answer(sales.post('/users', { username: 'x' })))),
      check('DELETE', '/api/v1/roles/{id}', ...(await answer(admin.delete('/roles/999999')))),
    ].filter(Boolean);
    expect(wrong).toEqual([]);
  }, 120_000);
});

async function answer(request: Promise<{ status: number; body: unknown }>): Promise<[number, unknown]> {
  const res = await request;
  return [res.status, res.body];
}
