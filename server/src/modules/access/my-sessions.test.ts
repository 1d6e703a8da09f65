import { describe, expect, it } from 'vitest';
import { ok, testApp } from '../../test/factories.ts';
import { Client } from '../../test/harness.ts';

/** docs/sign-in.md#sessions */
const { t, director } = await testApp('director');

const signInFrom = async (username: string, address: string, userAgent: string) => {
  const client = new Client(t.app, '', address);
  ok(await client.post('/auth/login', { username, password: 'demo1234' }, { 'user-agent': userAgent }));
  return client;
};

describe('my sessions', () => {
  it('lists one’s sessions with user agent and address, marks the current one, and ends one', async () => {
    const phone = await signInFrom('manager1', '10.1.2.3', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1');
    const laptop = await signInFrom('manager1', '10.9.8.7', 'Mozilla/5.0 (Windows NT 10.0) Chrome/120.0');
    const listed = ok(await laptop.get('/me/sessions'));
    expect(listed).toHaveLength(2);
    const current = listed.find((s: { current: boolean }) => s.current);
    expect(current).toMatchObject({ address: '10.9.8.7', userAgent: expect.stringContaining('Windows') });
    const other = listed.find((s: { current: boolean }) => !s.current);
    expect(other).toMatchObject({ address: '10.1.2.3', userAgent: expect.stringContaining('iPhone') });
    expect(Object.keys(current).sort()).toEqual(['address', 'createdAt', 'current', 'id', 'lastSeenAt', 'userAgent']);
    // the director does not see them, and cannot end them
    expect(ok(await director.get('/me/sessions')).map((s: { id: number }) => s.id)).not.toContain(other.id);
    expect((await director.delete(`/me/sessions/${other.id}`)).status).toBe(404);
    ok(await phone.get('/auth/me'));
    // ending the phone's session signs the phone out at once
    expect((await laptop.delete(`/me/sessions/${other.id}`)).status).toBe(204);
    expect((await phone.get('/auth/me')).status).toBe(401);
    expect((await laptop.delete(`/me/sessions/${other.id}`)).status).toBe(404);
    ok(await laptop.get('/auth/me'));
  });

  it('ends every other session and keeps the current one; ending the current one signs out', async () => {
    const a = await signInFrom('manager2', '10.0.0.1', 'A');
    const b = await signInFrom('manager2', '10.0.0.2', 'B');
    const c = await signInFrom('manager2', '10.0.0.3', 'C');
    expect((await c.delete('/me/sessions')).status).toBe(204);
    expect((await a.get('/auth/me')).status).toBe(401);
    expect((await b.get('/auth/me')).status).toBe(401);
    const [only] = ok(await c.get('/me/sessions'));
    expect(only.current).toBe(true);
    expect((await c.delete(`/me/sessions/${only.id}`)).status).toBe(204);
    expect((await c.get('/auth/me')).status).toBe(401);
    const audit = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where entity = 'session' and action = 'sign-out'`,
    );
    expect(audit[0]!.n).toBeGreaterThanOrEqual(2);
  });
});
