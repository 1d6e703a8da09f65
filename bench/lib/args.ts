/** `--name value` and `--flag` arguments (npm passes them after `--`). */
export function parseArgs(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`Unexpected argument ${a}`);
    const eq = a.indexOf('=');
    if (eq > 0) {
      out.set(a.slice(2, eq), a.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out.set(a.slice(2), next);
      i++;
    } else out.set(a.slice(2), 'true');
  }
  return out;
}

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:55432/postgres';
export const BENCH_DB = 'crm_bench';

/** The bench database: `--database-url`, else `crm_bench` on the server of BENCH_DATABASE_URL. */
export function benchDatabaseUrl(args: Map<string, string>): { url: string; adminUrl: string; recreate: boolean } {
  const adminUrl = process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL;
  const given = args.get('database-url');
  if (given) return { url: given, adminUrl, recreate: false };
  const u = new URL(adminUrl);
  u.pathname = `/${BENCH_DB}`;
  return { url: u.toString(), adminUrl, recreate: true };
}

/** Milliseconds → "12.3 s" / "850 ms". */
export const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
