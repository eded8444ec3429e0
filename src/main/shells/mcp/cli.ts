import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Logger } from '../../kernel/logger.js';
import { BuzzChatClient } from './client.js';
import { createMcpServer, MCP_SERVER_VERSION } from './server.js';
import { LineTransport } from './transport.js';

export const DEFAULT_URL = 'http://127.0.0.1:3847';

const USAGE = `Usage: buzzchat-mcp [--api-key KEY] [--url URL]
   or: <the BuzzChat app's executable> --mcp [--api-key KEY] [--url URL]

MCP server (stdio) for BuzzChat. It calls the BuzzChat app's local API, so the app must be running.
  --api-key KEY   API key; or env BUZZCHAT_API_KEY
  --url URL       Where BuzzChat's API listens; or env BUZZCHAT_URL (default ${DEFAULT_URL})
  --help, --version

BuzzChat's API keys screen (AI assistants) makes a key for an assistant and shows the configuration to paste, e.g.
Claude Desktop: { "mcpServers": { "buzzchat": { "command": "buzzchat-mcp", "env": { "BUZZCHAT_API_KEY": "YOUR_API_KEY" } } } }`;

export interface McpConfig {
  apiKey: string;
  url: string;
}

/** Exit code 2 = the server could not start because of how it was invoked. */
export class ConfigError extends Error {}

/** Flags win over the environment, as in the reference's configuration example. */
export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): McpConfig | 'help' | 'version' {
  let values: { 'api-key'?: string; url?: string; help?: boolean; version?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'api-key': { type: 'string' },
        url: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}\n\n${USAGE}`);
  }
  if (values.help) return 'help';
  if (values.version) return 'version';
  const apiKey = (values['api-key'] ?? env.BUZZCHAT_API_KEY ?? '').trim();
  if (!apiKey) {
    throw new ConfigError(
      'No API key: pass --api-key KEY or set BUZZCHAT_API_KEY. Create one in BuzzChat (API keys -> AI assistants, which ' +
        'also shows the whole configuration) or with `buzzchat keys create --name mcp`.',
    );
  }
  return { apiKey, url: normaliseUrl(values.url ?? env.BUZZCHAT_URL ?? DEFAULT_URL) };
}

function normaliseUrl(raw: string): string {
  const trimmed = raw.trim();
  if (!URL.canParse(trimmed) || !/^https?:$/.test(new URL(trimmed).protocol)) {
    throw new ConfigError(`Invalid BuzzChat URL "${raw}": use e.g. ${DEFAULT_URL}`);
  }
  // Accept the API base as well as the app's origin.
  return trimmed.replace(/\/+$/, '').replace(/\/(api\/)?v1$/, '');
}

/** stdout carries the protocol only: everything human goes to stderr. */
const stderrLogger: Logger = {
  info: (...a) => console.error('[buzzchat-mcp]', ...a),
  warn: (...a) => console.error('[buzzchat-mcp] warn:', ...a),
  error: (...a) => console.error('[buzzchat-mcp] error:', ...a),
};

/** The protocol's streams: the process's own, unless a shell has better ones (Electron on Windows). */
export interface McpIo {
  stdin: Readable;
  stdout: Writable;
}

/** Entry of `buzzchat-mcp` and of the desktop app's `--mcp`: `argv` holds only the server's own flags. */
export async function main(argv: string[], io: McpIo = { stdin: process.stdin, stdout: process.stdout }): Promise<void> {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(argv, process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`buzzchat-mcp: ${err.message}\n`);
    process.exitCode = 2;
    return;
  }
  if (config === 'help' || config === 'version') {
    // Not a protocol session: nobody is speaking MCP on stdout yet.
    process.stderr.write(`${config === 'help' ? USAGE : MCP_SERVER_VERSION}\n`);
    return;
  }

  const api = new BuzzChatClient({ baseUrl: config.url, apiKey: config.apiKey });
  const server = createMcpServer(api, stderrLogger);
  const transport = new LineTransport(io.stdin, io.stdout);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close().catch(() => {});
    process.exit(0);
  };
  // The host ends the session by closing stdin; signals come from process managers.
  io.stdin.on('end', shutdown);
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await server.connect(transport);
  stderrLogger.info(`v${MCP_SERVER_VERSION} ready on stdio; BuzzChat API at ${config.url}`);
}
