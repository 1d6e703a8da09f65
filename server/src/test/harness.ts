import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { openPglite, openPostgres, type Database } from '../db/client.ts';
import { dropDatabase, TEMPLATE_DB, withDatabase } from './template.ts';

export const onPostgres = process.env.TEST_DB === 'postgres';

/** A fresh database for one test file: a copy of the template, on PGlite or on the PostgreSQL under test. */
export async function freshDatabase(): Promise<Database> {
  if (!onPostgres) {
    return openPglite(undefined, new Blob([fs.readFileSync(inject('pgliteTemplate'))]));
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `crm_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
  await admin.end();
  const database = openPostgres(withDatabase(url, name), { max: 5 });
  const close = database.close;
  database.close = async () => {
    await close();
    const dropper = new pg.Client({ connectionString: url });
    await dropper.connect();
    await dropDatabase(dropper, name);
    await dropper.end();
  };
  return database;
}

export type Answer = { status: number; body: any; headers: LightMyRequestResponse['headers']; text: string };

/** A signed-in (or anonymous) client of the app: cookies kept, the CSRF header sent on writes. */
export class Client {
  /** The browser's remembered sign-in (`crm_device`), kept like a browser keeps it. */
  device = '';
  /** The pending second step of a sign-in (`crm_2fa`). */
  pending = '';
  constructor(
    private readonly app: FastifyInstance,
    public cookie = '',
    /** The client's network address as the server sees it (`request.ip`). */
    public address = '127.0.0.1',
    /** An API token: sent as `Authorization: Bearer`, in place of cookies and without the CSRF header. */
    public bearer = '',
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const res = await this.app.inject({
      method,
      url: url.startsWith('/api/') || url.startsWith('/healthz') || url.startsWith('/readyz') ? url : `/api/v1${url}`,
      headers: {
        ...(method === 'GET' || this.bearer ? {} : { 'x-requested-with': 'XMLHttpRequest' }),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...(!this.bearer && (this.cookie || this.device || this.pending)
          ? {
              cookie: [
                this.cookie,
                this.device && `crm_device=${this.device}`,
                this.pending && `crm_2fa=${this.pending}`,
              ]
                .filter(Boolean)
                .join('; '),
            }
          : {}),
        ...headers,
      },
      remoteAddress: this.address,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    // a staff session (crm_session) or a customer-portal one (crm_portal, docs/portal.md#sessions)
    const setCookie = res.cookies.find((c) => c.name === 'crm_session' || c.name === 'crm_portal');
    if (setCookie) this.cookie = setCookie.value ? `${setCookie.name}=${setCookie.value}` : '';
    const setDevice = res.cookies.find((c) => c.name === 'crm_device');
    if (setDevice) this.device = setDevice.value;
    const setPending = res.cookies.find((c) => c.name === 'crm_2fa');
    if (setPending) this.pending = setPending.value;
    let parsed: unknown = undefined;
    try {
      parsed = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.statusCode, body: parsed, headers: res.headers, text: res.body };
  }
  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', url, body ?? {}, headers);
  patch = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('PATCH', url, body ?? {}, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);
}

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  config: Config;
  clock: { now: Date; advance(ms: number): void };
  /** A client without a session, from `address` (default 127.0.0.1). */
  anonymous(address?: string): Client;
  /** Signs in a demo user (password demo1234) or any user with the given password. */
  login(username: string, password?: string): Promise<Client>;
  /** A client with a new API token of the user (all of their permissions unless `body` narrows them). */
  tokenClient(username: string, body?: Record<string, unknown>, password?: string): Promise<Client>;
  close(): Promise<void>;
};

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const config = { ...loadConfig({ CRM_DEMO: '0', ...env }), webDist: env.CRM_WEB_DIST ?? '/nonexistent' };
  const clock = {
    now: new Date(),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const app = await buildApp({ config, database, clock: () => clock.now, logger: false });
  await app.ready();
  return {
    app,
    database,
    config,
    clock,
    anonymous: (address?: string) => new Client(app, '', address),
    async login(username, password = 'demo1234') {
      const client = new Client(app);
      const res = await client.post('/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
      return client;
    },
    async tokenClient(username, body = {}, password = 'demo1234') {
      const session = new Client(app);
      const signIn = await session.post('/auth/login', { username, password });
      if (signIn.status !== 200) throw new Error(`login ${username} failed: ${signIn.status} ${signIn.text}`);
      const res = await session.post('/me/tokens', { name: `test token of ${username}`, ...body });
      if (res.status !== 201) throw new Error(`token of ${username} failed: ${res.status} ${res.text}`);
      await session.post('/auth/logout');
      return new Client(app, '', '127.0.0.1', (res.body as { token: string }).token);
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
