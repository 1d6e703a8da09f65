import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import type { Database } from './db/client.ts';
import type { SalesSystem } from './sales/system.ts';

const refuse = (): never => {
  throw new Error('The OpenAPI document is made without a database');
};

/**
 * The OpenAPI document of the app, built without listening and without a database: building the app only
 * registers routes (handlers, which would use the database, never run), so the lint and the client-type test need
 * no database to open (an embedded one takes seconds).
 */
export async function openapiDocument(): Promise<Record<string, unknown>> {
  const database: Database = {
    kind: 'pglite',
    db: undefined as never,
    query: refuse,
    prepared: refuse,
    close: refuse,
    listen: refuse,
  };
  const sales: SalesSystem = { kind: 'embedded', read: refuse, query: refuse, close: async () => {} };
  const app = await buildApp({ config: loadConfig({}), database, logger: false, sales });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
