import { DEMO_PASSWORD } from '../../server/src/db/seed/users.ts';
import { REGIONAL } from './gen-users.ts';
import type { Role } from './load.ts';

/** Signs in through the API and gives the session cookie (one per role, reused by every request). */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`Sign-in as ${username} answered ${res.status}: ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (!cookies.length) throw new Error(`Sign-in as ${username} set no cookie`);
  return cookies.join('; ');
}

/** The benchmark company's users (demo password), one cookie per role. */
export async function signInRoles(baseUrl: string): Promise<Record<Role, string>> {
  const as = (username: string) => signIn(baseUrl, username, DEMO_PASSWORD);
  return {
    manager: await as('manager1'),
    director: await as('director'),
    executive: await as('executive'),
    regional: await as(REGIONAL),
  };
}

export type Answer = { status: number; ms: number; body: unknown };

/** One request with a session cookie; the time is the whole round trip including reading the body. */
export async function call(
  baseUrl: string,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      cookie,
      ...(method === 'GET' ? {} : { 'x-requested-with': 'XMLHttpRequest' }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (a CSV export, an HTML page)
  }
  return { status: res.status, ms, body: parsed };
}

/** A download: when its first bytes arrived, when its last did, and how many (ms from the request). */
export async function timeDownload(baseUrl: string, cookie: string, path: string) {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
  if (res.status !== 200 || !res.body) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  let firstByteMs: number | undefined;
  let bytes = 0;
  for await (const chunk of res.body) {
    firstByteMs ??= performance.now() - t0;
    bytes += (chunk as Uint8Array).byteLength;
  }
  return { firstByteMs: firstByteMs ?? performance.now() - t0, totalMs: performance.now() - t0, bytes };
}
