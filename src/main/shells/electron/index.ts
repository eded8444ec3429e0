/**
 * The desktop app's executable. `BuzzChat --mcp [--url URL]` (the key in BUZZCHAT_API_KEY) is the MCP server on
 * stdio for assistants, so that an installed app needs no Node or npm for it; anything else opens the app.
 * Both are loaded on demand: the MCP server never loads the core, and under plain Node (`node out/main/index.js
 * --mcp`, as the tests run it) nothing imports `electron`. Awaited at the top so that it all happens before
 * Electron's `ready`.
 */
import { mcpArgsOf, runMcpMode } from './mcp-mode.js';

const mcpArgs = mcpArgsOf(process.argv);
if (mcpArgs) {
  // Electron's main process; not Node, nor Electron as Node (ELECTRON_RUN_AS_NODE), which have no `app`.
  const isElectronMain = (process as { type?: string }).type === 'browser';
  const electron = isElectronMain ? await import('electron') : null;
  await runMcpMode(mcpArgs, electron?.app);
} else {
  const { main } = await import('./window.js');
  main();
}
