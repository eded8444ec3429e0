#!/usr/bin/env node
// Thin launcher: the CLI is built by `npm run build` into out/main/cli.js.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  // better-sqlite3 13 is built for Node 22+; on older Node it crashes without a message.
  console.error(
    `BuzzChat needs Node.js 22 or newer (this is ${process.version}). Run it through npm (npm start, npx buzzchat), which uses the bundled Node 22.`,
  );
  process.exit(1);
}
const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(built)) {
  console.error('BuzzChat is not built yet: run `npm run build` first.');
  process.exit(1);
}
const { main } = await import(pathToFileURL(built).href);
process.exitCode = await main(process.argv.slice(2));
