import { describe, expect, it } from 'vitest';
import { testApp } from '../test/factories.ts';

const { t, admin } = await testApp('admin');

const entries = async (item: string) =>
  Number(
    (
      await t.database.query<{ n: number }>('select count(*)::int as n from dictionary_entries where item = $1', [item])
    )[0]!.n,
  );

describe('Idempotency-Key', () => {
  it('a replayed create answers the first answer and creates one record', async () => {
    const first = await admin.post('/dictionary', { type: 'region', item: '华东' }, { 'idempotency-key': 'form-1' });
    const replay = await admin.post('/dictionary', { type: 'region', item: '华东' }, { 'idempotency-key': 'form-1' });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await entries('华东')).toBe(1);
  });

  it('a double submit at the same moment creates one record', async () => {
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        admin.post('/dictionary', { type: 'region', item: '华南' }, { 'idempotency-key': 'double-click' }),
      ),
    );
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(answers.every((a) => a.status === 201 || (a.status === 409 && a.body.error.code === 'CONFLICT'))).toBe(true);
    expect(await entries('华南')).toBe(1);
  });

  it('keeps only successful answers, so a corrected retry goes through', async () => {
    const bad = await admin.post('/dictionary', { type: 'region', item: '' }, { 'idempotency-key': 'retry-me' });
    expect(bad.status).toBe(400);
    const good = await admin.post('/dictionary', { type: 'region', item: '西南' }, { 'idempotency-key': 'retry-me' });
    expect(good.status).toBe(201);
    expect(await entries('西南')).toBe(1);
  });

  it('keys belong to one user and one request', async () => {
    const other = await t.login('admin');
    await admin.post('/dictionary', { type: 'kind', item: 'a' }, { 'idempotency-key': 'shared-key' });
    const reused = await admin.post('/roles', { code: 'someone', name: 'x' }, { 'idempotency-key': 'shared-key' });
    expect(reused.status).toBe(400);
    expect(reused.body.error.details[0].path).toBe('Idempotency-Key');
    // the same user in another session is the same user: still a replay
    expect(
      (await other.post('/dictionary', { type: 'kind', item: 'a' }, { 'idempotency-key': 'shared-key' })).headers[
        'idempotent-replayed'
      ],
    ).toBe('true');
    expect(
      (await admin.post('/dictionary', { type: 'kind', item: 'b' }, { 'idempotency-key': 'x'.repeat(201) })).status,
    ).toBe(400);
  });

  it('answers 409 CONFLICT to a key reused with another body, and acts on neither twice', async () => {
    const first = await admin.post('/dictionary', { type: 'region', item: '华中' }, { 'idempotency-key': 'form-9' });
    expect(first.status).toBe(201);
    const other = await admin.post('/dictionary', { type: 'region', item: '西北' }, { 'idempotency-key': 'form-9' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('CONFLICT');
    expect(other.body.error.details[0].path).toBe('Idempotency-Key');
    expect(await entries('西北')).toBe(0);
    // the same body again is still the replay, whatever the order of its fields
    const replay = await admin.post('/dictionary', { item: '华中', type: 'region' }, { 'idempotency-key': 'form-9' });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await entries('华中')).toBe(1);
  });
});
