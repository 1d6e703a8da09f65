/**
 * The `npm run lint` step for the API reference: writes the OpenAPI document (see openapi-document.ts) to a
 * temporary file and runs `redocly lint` on it with the recommended rules (redocly.yaml). Offline: no telemetry, no
 * update check.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openapiDocument } from './openapi-document.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'crm-openapi-'));
const file = path.join(dir, 'openapi.json');
writeFileSync(file, JSON.stringify(await openapiDocument(), null, 2));
const redocly = spawnSync(
  path.join(root, 'node_modules/.bin/redocly'),
  ['lint', '--config', path.join(root, 'redocly.yaml'), ...process.argv.slice(2), file],
  { stdio: 'inherit', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
);
rmSync(dir, { recursive: true, force: true });
process.exit(redocly.status ?? 1);
