#!/usr/bin/env node
// Thin launcher for the MCP server (stdio), built into out/main/mcp.js.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../out/main/mcp.js', import.meta.url));
if (!existsSync(built)) {
  console.error('BuzzChat is not built yet: run `npm run build` first.');
  process.exit(1);
}
const { main } = await import(pathToFileURL(built).href);
await main(process.argv.slice(2));
