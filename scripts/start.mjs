// `npm start`: builds the web app and the server when they are missing or older than their sources, then runs the
// server (see builds.mjs).
import { spawn } from 'node:child_process';
import { buildServerIfStale, buildWebIfStale, root, serverEntry, serverNodeOptions } from './builds.mjs';

if (!buildWebIfStale()) process.exit(1);
await buildServerIfStale();

const server = spawn(process.execPath, [...serverNodeOptions(), serverEntry], { cwd: root, stdio: 'inherit' });
// Ctrl-C reaches both processes; the server shuts down gracefully and this one follows it.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => server.kill('SIGTERM'));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
