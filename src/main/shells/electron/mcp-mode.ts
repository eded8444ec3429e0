import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { McpIo } from '../mcp/cli.js';

/** What `--mcp` uses of Electron's `app`; absent when the entry runs under plain Node. */
export interface McpElectronApp {
  dock?: { hide(): void };
  disableHardwareAcceleration(): void;
  getPath(name: 'temp'): string;
  setPath(name: 'userData', value: string): void;
}

/** The MCP server's own flags (`--api-key`, `--url`): what follows `--mcp`; null when the executable runs as the app. */
export function mcpArgsOf(argv: readonly string[]): string[] | null {
  const at = argv.indexOf('--mcp');
  return at === -1 ? null : argv.slice(at + 1);
}

/**
 * The desktop app's executable as an MCP server on stdio, for assistants such as Claude Desktop: the same main()
 * as `buzzchat-mcp`. No window, tray or core, and no single-instance lock, since the host starts one per session
 * beside the running app. Under Electron the dock icon is hidden and nothing is ever drawn.
 */
export async function runMcpMode(args: string[], app?: McpElectronApp | null): Promise<void> {
  if (app) {
    app.dock?.hide();
    app.disableHardwareAcceleration();
    // Chromium's own files (Local State, caches) away from the running app's profile and database folder.
    app.setPath('userData', path.join(app.getPath('temp'), 'BuzzChat-mcp'));
  }
  // Loaded here so that the app's own start does not load the MCP SDK.
  const { main } = await import('../mcp/cli.js');
  await main(args, app ? electronIo(process.platform) : undefined);
}

/**
 * Electron's main process on Windows is a GUI program and replaces process.stdin with an empty stream (its
 * lib/common/init.ts), though a host that spawns it with pipes hands it real ones: read and write fds 0 and 1
 * directly there, as Node itself would. Elsewhere process.stdin and process.stdout are those pipes.
 */
export function electronIo(platform: NodeJS.Platform): McpIo | undefined {
  if (platform !== 'win32') return undefined;
  return { stdin: openFd(0, 'read') as Readable, stdout: openFd(1, 'write') as Writable };
}

function openFd(fd: number, mode: 'read' | 'write'): Readable | Writable {
  try {
    // A pipe (how MCP hosts start servers): a socket on it, as Node's own stdio does.
    return new net.Socket({ fd, readable: mode === 'read', writable: mode === 'write' });
  } catch {
    // A file or console: net refuses those fd types.
    return mode === 'read' ? fs.createReadStream('', { fd, autoClose: false }) : fs.createWriteStream('', { fd, autoClose: false });
  }
}
