import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Answer, type TestApp } from '../../test/harness.ts';
import { LOGIN_LIMITS } from './throttle.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const attempt = (username: string, password: string, address: string, device = '') => {
  const c = t.anonymous(address);
  c.device = device;
  return c.post('/auth/login', { username, password }).then((res) => Object.assign(res, { client: c }));
};
const statuses = (answers: Answer[]) =>
  answers.reduce<Record<number, number>>((n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }), {});
/** Each test starts from a quiet state: the previous test's limits have run out. */
const nextWindow = () => t.clock.advance(LOGIN_LIMITS.windowMs + 1000);

describe('the sign-in limiter under parallel guesses', () => {
  it('lets at most the limit of 60 simultaneous wrong attempts reach password verification; the rest 429', async () => {
    nextWindow();
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => attempt('manager2', 'wrong-guess', '198.51.100.60')),
    );
    const n = statuses(answers);
    // a 401 is an attempt whose password was verified; a 429 one that never got that far
    expect(n[401]).toBeLessThanOrEqual(LOGIN_LIMITS.pair);
    expect(n[429]).toBe(60 - (n[401] ?? 0));
    expect(answers.find((a) => a.status === 429)!.body.error.code).toBe('RATE_LIMITED');
  });

  it('never verifies the right password once the limit is used up, even when it arrives with the guesses', async () => {
    nextWindow();
    const guesses = Array.from({ length: 30 }, () => attempt('executive', 'wrong-guess', '198.51.100.61'));
    await Promise.all(guesses);
    const right = await attempt('executive', 'demo1234', '198.51.100.61');
    expect(right.status).toBe(429);
  });
  it('answers 16 simultaneous right passwords of one user with sign-ins and waits, never with 5xx or a conflict', async () => {
    nextWindow();
    // a successful sign-in gives its place in the counters back and deletes its pair counter while the others
    // wait for those rows: each must still find its counter, and none may wait on another in a circle
    const answers = await Promise.all(
      Array.from({ length: 16 }, () => attempt('manager1', 'demo1234', '198.51.100.62')),
    );
    // attempts in flight count until their password is verified, so some of them wait (429) like any others
    const n = statuses(answers);
    expect(Object.keys(n).sort()).toEqual(n[429] ? ['200', '429'] : ['200']);
    expect(n[200]).toBeGreaterThanOrEqual(LOGIN_LIMITS.pair);
  });
});

describe('an attacker cannot lock the real user out', () => {
  it('slows 55 wrong passwords from 11 addresses down, and the real user signs in from an address that has not failed', async () => {
    nextWindow();
    const answers: Answer[] = [];
    for (let a = 1; a <= 11; a++) {
      for (let i = 0; i < 5; i++) answers.push(await attempt('director', 'wrong-guess', `203.0.113.${a}`));
    }
    const n = statuses(answers);
    expect(n[429]).toBeGreaterThan(30); // slowed: most guesses are never verified
    const slowed = answers.find((a) => a.status === 429)!;
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);

    const real = await attempt('director', 'demo1234', '192.0.2.44');
    expect(real.status).toBe(200);
  });

  it('slows rather than locks: after the delay the next guess from a failed address is verified again', async () => {
    nextWindow();
    for (let a = 1; a <= 4; a++) {
      for (let i = 0; i < 4; i++) await attempt('manager1', 'wrong-guess', `203.0.114.${a}`);
    }
    const slowed = await attempt('manager1', 'wrong-guess', '203.0.114.1');
    expect(slowed.status).toBe(429);
    const wait = Number(slowed.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(LOGIN_LIMITS.maxDelayMs / 1000);
    t.clock.advance(wait * 1000);
    expect((await attempt('manager1', 'wrong-guess', '203.0.114.1')).status).toBe(401);
  });

  it('does not count guesses at unknown names against real users, who still sign in from the same address', async () => {
    nextWindow();
    const proxy = '10.0.0.1'; // behind a proxy without CRM_TRUST_PROXY every user has this address
    const remembered = await attempt('admin', 'demo1234', proxy);
    expect(remembered.status).toBe(200);
    const device = remembered.client.device;
    expect(device).toBeTruthy();

    const spray = [];
    for (let i = 0; i < 40; i++) spray.push(await attempt(`nobody-${i}`, 'wrong-guess', proxy));
    expect(statuses(spray)[429]).toBeGreaterThan(0); // the address is slowed down

    // the browsers that signed in here before are not slowed down by what others do from the same address
    expect((await attempt('admin', 'demo1234', proxy, device)).status).toBe(200);
    // a real user's own count holds only their own failures: from elsewhere nothing is in the way
    expect((await attempt('manager1', 'demo1234', '192.0.2.45')).status).toBe(200);
    // and a browser new to the address is slowed, not locked: it gets in once the delay has passed
    const fresh = await attempt('manager1', 'demo1234', proxy);
    if (fresh.status === 429) {
      t.clock.advance(Number(fresh.headers['retry-after']) * 1000);
      expect((await attempt('manager1', 'demo1234', proxy)).status).toBe(200);
    } else {
      expect(fresh.status).toBe(200);
    }
  });

  it("does not slow the next user down with a real user's own sign-in", async () => {
    nextWindow();
    const office = '10.0.0.2';
    for (let i = 0; i < LOGIN_LIMITS.addressFree; i++) await attempt(`typo-${i}`, 'wrong-guess', office);
    for (const username of ['admin', 'director', 'manager1', 'executive']) {
      expect((await attempt(username, 'demo1234', office)).status, username).toBe(200);
    }
  });

  it('gives a remembered browser its own small limit, so that a stolen device cookie is no free pass', async () => {
    nextWindow();
    const first = await attempt('manager2', 'demo1234', '192.0.2.50');
    const device = first.client.device;
    const answers = [];
    for (let i = 0; i < LOGIN_LIMITS.device + LOGIN_LIMITS.pair + 2; i++) {
      answers.push(await attempt('manager2', 'wrong-guess', '192.0.2.51', device));
    }
    expect(statuses(answers)[401]).toBeLessThanOrEqual(LOGIN_LIMITS.device + LOGIN_LIMITS.pair);
    expect(answers.at(-1)!.status).toBe(429);
  });
});

describe('a disabled account', () => {
  it('says so to the right password, and answers wrong passwords and unknown names as before', async () => {
    nextWindow();
    const admin = await t.login('admin');
    const created = await admin.post('/users', {
      username: 'leaver',
      displayName: 'Leaver',
      password: 'leaver-pass-1',
      roles: ['manager'],
    });
    const session = await t.login('leaver', 'leaver-pass-1');
    expect((await admin.patch(`/users/${created.body.id}`, { active: false })).status).toBe(200);

    // the session of a user disabled since it began
    const me = await session.get('/auth/me');
    expect(me.status).toBe(403);
    expect(me.body.error).toMatchObject({
      code: 'ACCOUNT_DISABLED',
      message: 'This account is disabled; ask an administrator',
    });

    const right = await attempt('leaver', 'leaver-pass-1', '192.0.2.60');
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe('ACCOUNT_DISABLED');
    const wrong = await attempt('leaver', 'not-the-password', '192.0.2.60');
    const unknown = await attempt('never-existed', 'not-the-password', '192.0.2.60');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(unknown.body.error.code).toBe(wrong.body.error.code);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });
});
