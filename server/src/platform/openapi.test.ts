import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { openapiDocument } from '../openapi-document.ts';

type Operation = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, { $ref?: string; description?: string }>;
};
type Document = {
  info: { title: string; version: string; description?: string; license?: { name: string; url?: string } };
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> };
};

let doc: Document;
let operations: { method: string; path: string; op: Operation }[];
beforeAll(async () => {
  doc = (await openapiDocument()) as unknown as Document;
  operations = Object.entries(doc.paths).flatMap(([p, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path: p, op })),
  );
}, 60_000);

const errorStatuses = (op: Operation) => Object.keys(op.responses).filter((s) => Number(s) >= 400);

describe('the OpenAPI document', () => {
  it('names every operation with a unique camelCase operationId, a one-line summary and a described tag', () => {
    expect(operations.length).toBeGreaterThan(60);
    const described = new Map((doc.tags ?? []).map((t) => [t.name, t.description]));
    const wrong = operations.flatMap(({ method, path: p, op }) => {
      const problems: string[] = [];
      if (!/^[a-z]+[A-Za-z]*$/.test(op.operationId ?? '')) problems.push(`operationId ${op.operationId}`);
      if (!op.summary || op.summary.includes('\n')) problems.push('summary');
      if (op.tags?.length !== 1 || !described.get(op.tags[0]!)) problems.push(`tag ${op.tags}`);
      return problems.map((problem) => `${method} ${p}: ${problem}`);
    });
    expect(wrong).toEqual([]);
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    // Clients are generated from these names: a rename breaks them (docs/product.md#api-conventions).
    expect(ids).toEqual(expect.arrayContaining(['listCustomers', 'getCustomer', 'assignOpportunity', 'signIn']));
  });

  it('documents the error answers of every operation from its access and path, in the one error schema', () => {
    const operation = (method: string, p: string) => operations.find((o) => o.method === method && o.path === p)!.op;
    const wrong: string[] = [];
    for (const { method, path: p, op } of operations) {
      const errors = errorStatuses(op);
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      const expected = ['400'];
      if (!isPublic) expected.push('401', '403');
      if (p.includes('{')) expected.push('404');
      if (!isPublic && method !== 'GET') expected.push('409');
      const missing = expected.filter((s) => !errors.includes(s));
      if (missing.length) wrong.push(`${method} ${p}: no ${missing.join(', ')}`);
      for (const status of errors) {
        const ref = op.responses[status]!.$ref ?? '';
        const response = doc.components.responses[ref.replace('#/components/responses/', '')];
        if (response?.content['application/json']?.schema.$ref !== '#/components/schemas/Error')
          wrong.push(`${method} ${p}: ${status} is not the error schema`);
      }
    }
    expect(wrong).toEqual([]);
    // the public sign-in: wrong password, a disabled account, too many attempts; no session needed
    expect(errorStatuses(operation('POST', '/api/v1/auth/login'))).toEqual(['400', '401', '403', '429']);
    // the routes that read the sales system say it may be away
    for (const p of ['/api/v1/products', '/api/v1/inventory', '/api/v1/customers/{id}/orders'])
      expect(errorStatuses(operation('GET', p))).toContain('503');
    expect(errorStatuses(operation('GET', '/api/v1/customers'))).not.toContain('503');
    // a report is also a download, and downloads at once are limited
    expect(errorStatuses(operation('GET', '/api/v1/reports/churn'))).toContain('429');
    expect(operation('DELETE', '/api/v1/roles/{id}').responses['204']).toBeTruthy();
  });

  it('describes every successful answer in words', () => {
    const vague = operations.flatMap(({ method, path: p, op }) =>
      Object.entries(op.responses)
        .filter(([status, answer]) => Number(status) < 400 && !/^[A-Z][a-z]+[:;] /.test(answer.description ?? ''))
        .map(([status, answer]) => `${method} ${p} ${status}: ${answer.description}`),
    );
    expect(vague).toEqual([]);
  });

  it('declares the headers of a change: X-Requested-With on every one, Idempotency-Key on a POST', () => {
    type Parameter = { in: string; name: string; required?: boolean };
    const missing = operations.flatMap(({ method, path: p, op }) => {
      const headers = ((op as { parameters?: Parameter[] }).parameters ?? []).filter((x) => x.in === 'header');
      const has = (name: string, required: boolean) =>
        headers.some((h) => h.name === name && Boolean(h.required) === required);
      const problems: string[] = [];
      if (method !== 'GET' && !has('x-requested-with', true)) problems.push('X-Requested-With');
      if (method === 'POST' && !has('idempotency-key', false)) problems.push('Idempotency-Key');
      if (method === 'GET' && headers.length) problems.push('headers on a GET');
      return problems.map((what) => `${method} ${p}: ${what}`);
    });
    expect(missing).toEqual([]);
  });

  it('gives its title, version, description and licence', () => {
    expect(doc.info).toMatchObject({ title: 'CRM API', version: '1.0.0', license: { name: 'MIT' } });
    expect(doc.info.description).toMatch(/error/);
  });
});

describe('a client generated from the document', () => {
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-client-'));
    const ast = await openapiTS(doc as never);
    fs.writeFileSync(path.join(dir, 'api.d.ts'), astToString(ast));
    return () => fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** The TypeScript compiler's diagnostics for `source`, compiled against the generated `api.d.ts`. */
  function diagnostics(source: string): string[] {
    const file = path.join(dir, `calls-${Math.random().toString(36).slice(2)}.ts`);
    fs.writeFileSync(file, source);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
    });
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      .filter(Boolean);
  }

  const CALLS = `
    import type { components, operations, paths } from './api';
    type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;

    type CustomerPage = Json<paths['/api/v1/customers']['get']['responses'][200]>;
    const page = {} as CustomerPage;
    const names: string[] = page.items.map((c) => c.name);
    const total: number = page.total;

    type Login = paths['/api/v1/auth/login']['post']['requestBody'];
    const login: NonNullable<Login>['content']['application/json'] = { username: 'admin', password: 'secret' };

    type Assign = operations['assignOpportunity'];
    const assignedTo: Assign['parameters']['path']['id'] = 7;
    const headers: Assign['parameters']['header'] = { 'x-requested-with': 'XMLHttpRequest', 'idempotency-key': 'k1' };

    type Refused = Json<paths['/api/v1/customers/{id}']['patch']['responses'][409]>;
    const refused = {} as Refused;
    const code: string = refused.error.code;
    const requestId: string = refused.error.requestId;
    const error: components['schemas']['Error'] = refused;
    export { names, total, login, assignedTo, headers, code, requestId, error };
  `;

  it('type-checks calls that use it rightly', () => {
    expect(diagnostics(CALLS)).toEqual([]);
  }, 60_000);

  it('catches a call that uses it wrongly', () => {
    const wrong = `
      import type { paths } from './api';
      type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
      const page = {} as Json<paths['/api/v1/customers']['get']['responses'][200]>;
      const wrongType: string = page.total;
      type Missing = paths['/api/v1/customers']['get']['responses'][418];
      export { wrongType };
      export type { Missing };
    `;
    const found = diagnostics(wrong);
    expect(found).toEqual([
      expect.stringMatching(/'number' is not assignable to type 'string'/),
      expect.stringMatching(/Property '418' does not exist/),
    ]);
  }, 60_000);
});
