import { describe, expect, it } from 'vitest';
import { JIT_OPTIMIZE_ABOVE_COST } from './client.ts';
import { migrate } from './migrate.ts';
import { seedOnFirstStart } from './seed/index.ts';
import { emptyDatabase } from '../test/databases.ts';

describe('first start on PostgreSQL', () => {
  it('migrates and seeds once when several instances start together', async () => {
    const empty = await emptyDatabase();
    const instances = [empty.open(), empty.open(), empty.open()];
    const results = await Promise.all(
      instances.map(async (db) => {
        await migrate(db);
        return seedOnFirstStart(db, { demo: false, adminPassword: 'together-now' });
      }),
    );
    expect(results.filter((r) => r.seeded)).toHaveLength(1);
    expect((await instances[0]!.query('select * from roles')).length).toBe(4);
    expect((await instances[0]!.query('select * from users')).length).toBe(1);
    await Promise.all(instances.map((db) => db.close()));
    await empty.drop();
  });
});

describe('the connections to PostgreSQL', () => {
  it('optimise and inline JIT-compiled code only for really big statements (docs/PERFORMANCE.md, "JIT")', async () => {
    const empty = await emptyDatabase();
    const db = empty.open();
    // every connection of the pool, not just the first: two at once
    const read = `select current_setting('jit_optimize_above_cost')::float8 as optimize,
                         current_setting('jit_inline_above_cost')::float8 as inline`;
    const answers = await Promise.all([db.query(read), db.query(read)]);
    const expected = { optimize: JIT_OPTIMIZE_ABOVE_COST, inline: JIT_OPTIMIZE_ABOVE_COST };
    expect(answers.map(([row]) => row)).toEqual([expected, expected]);
    expect(JIT_OPTIMIZE_ABOVE_COST).toBeGreaterThan(500_000); // PostgreSQL's default
    await db.close();
    await empty.drop();
  });
});
