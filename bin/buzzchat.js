#!/usr/bin/env node
// Thin launcher: the CLI is built by `npm run build` into out/main/cli.js.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { missingCoreEnv, missingCoreFlags } from './node-flags.js';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  // better-sqlite3 13 is built for Node 22+; on older Node it crashes without a message.
  console.error(
    `BuzzChat needs Node.js 22 or newer (this is ${process.version}). Run it through npm (npm start, npx buzzchat), which uses the bundled Node 22.`,
  );
  process.exit(1);
}
// `serve` runs for hours: it restarts itself once, before loading anything, with the core's V8 flags and malloc
// setting (execve keeps the pid, stdio and signals). Where there is no execve (Windows) it runs without them.
if (process.argv[2] === 'serve' && typeof process.execve === 'function') {
  const flags = missingCoreFlags();
  const env = missingCoreEnv();
  try {
    if (flags.length || Object.keys(env).length)
      process.execve(process.execPath, [process.execPath, ...flags, ...process.execArgv, ...process.argv.slice(1)], { ...process.env, ...env });
  } catch {
    // Not allowed here (a sandbox, a read-only binary): it runs as it was started.
  }
}
const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(built)) {
  console.error('BuzzChat is not built yet: run `npm run build` first.');
  process.exit(1);
}
const { main } = await import(pathToFileURL(built).href);
process.exitCode = await main(process.argv.slice(2));
