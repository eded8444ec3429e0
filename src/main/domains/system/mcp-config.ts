import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { assistantOps } from '../../../shared/contract/assistants.js';
import { MCP_SERVER_KEY, mcpServerEntry, type McpConfig, type WrittenClaudeConfig } from '../../../shared/contract/assistants.js';
import type { Clock } from '../../kernel/clock.js';
import { ApiError } from '../../http/errors.js';
import type { Handler } from '../../http/route.js';
import type { StartContext } from '../define.js';

/** How an MCP client starts this app's MCP server; only the shell knows (the app's executable, or Node and a script). */
export interface McpLaunch {
  command: string;
  args: string[];
  /** The desktop app may write Claude Desktop's configuration (after asking); a headless server leaves that to the user. */
  writeClaudeConfig: boolean;
  /** Claude Desktop's file, when not at its place on this platform (tests). */
  claudeConfigPath?: string;
}

/** Where Claude Desktop reads its configuration: its app-data folder on each platform. */
export function claudeDesktopConfigPath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home = os.homedir(),
): string {
  const file = 'claude_desktop_config.json';
  if (platform === 'win32') return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'Claude', file);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'Claude', file);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), 'Claude', file);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const untouched = (file: string, why: string) =>
  new ApiError('CONFLICT', `${file} ${why}: it was left untouched. Fix or move it, or paste the configuration into it by hand.`);

/** The file's settings as an object; an empty file counts as none. Anything else is refused, never overwritten. */
function readConfig(file: string): { text: string | null; config: Record<string, unknown> } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { text: null, config: {} };
    throw untouched(file, `cannot be read (${(err as Error).message})`);
  }
  // Notepad may save a byte-order mark, which JSON.parse refuses.
  const json = text.replace(/^\uFEFF/, '');
  if (json.trim() === '') return { text, config: {} };
  let config: unknown;
  try {
    config = JSON.parse(json);
  } catch (err) {
    throw untouched(file, `is not valid JSON (${(err as Error).message})`);
  }
  if (!isObject(config)) throw untouched(file, 'does not hold a JSON object');
  if (config.mcpServers !== undefined && !isObject(config.mcpServers)) throw untouched(file, 'has an "mcpServers" that is not an object');
  return { text, config };
}

/** `<file>.<UTC time>.bak` next to it; never over an earlier backup. */
function backupOf(file: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  for (let n = 0; ; n++) {
    const candidate = `${file}.${stamp}${n ? `-${n}` : ''}.bak`;
    try {
      fs.copyFileSync(file, candidate, fs.constants.COPYFILE_EXCL);
      return candidate;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw untouched(file, `could not be backed up (${(err as Error).message})`);
    }
  }
}

/**
 * Sets `mcpServers.buzzchat` in an MCP client's configuration file and keeps everything else in it: a copy of
 * the file as it was is kept beside it, and the new content replaces it in one rename (no half-written file).
 */
export function writeMcpServerEntry(file: string, entry: ReturnType<typeof mcpServerEntry>, now: number): WrittenClaudeConfig {
  if (!path.isAbsolute(file) || path.extname(file).toLowerCase() !== '.json') {
    throw new ApiError('VALIDATION_ERROR', `path must be the absolute path of a .json file (got "${file}")`);
  }
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) {
    throw new ApiError(
      'CONFLICT',
      `The folder ${dir} does not exist: is Claude Desktop installed? Open it once and try again, or paste the configuration by hand.`,
    );
  }
  const { text, config } = readConfig(file);
  const servers = (config.mcpServers ?? {}) as Record<string, unknown>;
  const next = { ...config, mcpServers: { ...servers, [MCP_SERVER_KEY]: entry } };
  const backupPath = text === null ? null : backupOf(file, now);
  const tmp = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  try {
    // The key is a secret: readable by this user only, as Claude Desktop's own file is.
    fs.writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw untouched(file, `could not be written (${(err as Error).message})`);
  }
  return { path: file, backupPath, replaced: MCP_SERVER_KEY in servers };
}

/** The handlers of GET /system/mcp-config and POST /system/mcp-config/claude-desktop, and the start hook that learns the URL. */
export function assistantRoutes(launch: McpLaunch | null | undefined, clock: Clock) {
  const claudeConfigPath = launch?.claudeConfigPath ?? claudeDesktopConfigPath();
  let baseUrl = '';
  const config = (): McpConfig => {
    if (!launch) throw new ApiError('NOT_FOUND', 'This app was started without an MCP server to offer (use the desktop app or `buzzchat serve`)');
    return {
      command: launch.command,
      args: launch.args,
      env: { BUZZCHAT_URL: baseUrl },
      claudeDesktop: { configPath: claudeConfigPath, writable: launch.writeClaudeConfig },
    };
  };
  const handlers: { mcpConfig: Handler<typeof assistantOps.mcpConfig>; writeClaudeConfig: Handler<typeof assistantOps.writeClaudeConfig> } = {
    mcpConfig: () => config(),
    writeClaudeConfig: ({ body }) => {
      const c = config();
      if (!c.claudeDesktop.writable) {
        throw new ApiError('NOT_FOUND', "Only the desktop app writes Claude Desktop's configuration; paste it by hand (GET /system/mcp-config)");
      }
      return writeMcpServerEntry(body.path ?? c.claudeDesktop.configPath, mcpServerEntry(c, body.apiKey), clock.now());
    },
  };
  return { handlers, start: (ctx: StartContext) => void (baseUrl = ctx.baseUrl) };
}
