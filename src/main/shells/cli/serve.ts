import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserNotFoundError, realProbeEnv, resolveBrowser } from '../../domains/chat/browser.js';
import { dataDirOf, line, parsePort, UsageError, type CliContext } from './context.js';

export interface ServeOptions {
  port?: string;
  dataDir?: string;
  practice?: boolean;
  headless?: boolean;
  headed?: boolean;
  /** false for --no-browser. */
  browser?: boolean;
}

/** Linux needs an X or Wayland display for a browser window; macOS and Windows always have one. */
export function hasDisplay(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'linux' || !!env.DISPLAY || !!env.WAYLAND_DISPLAY;
}

/** Headless or not, and the line that says why, from the flags and the machine. */
export function headlessMode(
  o: ServeOptions,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): { headless: boolean; note?: string } {
  if (o.headless && o.headed) throw new UsageError('--headless and --headed exclude each other');
  if (o.headless || o.headed || o.browser === false) return { headless: !!o.headless };
  if (hasDisplay(env, platform)) return { headless: false };
  return { headless: true, note: 'No display (DISPLAY and WAYLAND_DISPLAY are unset): the browser runs headless; --headed forces a window.' };
}

/**
 * The practice chat's browser, chosen before the app starts so a first unpack of the bundled Chromium is announced
 * here. With no Chrome/Edge/Chromium and no --headed, practice goes headless in the bundled one.
 */
async function practiceBrowser(o: ServeOptions, mode: { headless: boolean }, ctx: CliContext): Promise<string | undefined> {
  const say = line(ctx);
  const explicit = ctx.env.BUZZCHAT_BROWSER || undefined;
  const probe = { ...realProbeEnv, env: ctx.env };
  try {
    const choice = await resolveBrowser({ headless: mode.headless, explicit, probe, onUnpack: say }).catch(async (err: unknown) => {
      if (!(err instanceof BrowserNotFoundError) || mode.headless || o.headed) throw err;
      mode.headless = true;
      return resolveBrowser({ headless: true, explicit, probe, onUnpack: say });
    });
    if (choice.bundled)
      say('The practice chat runs in the bundled headless Chromium. Real sites need your own Chrome or Edge, in a window, to log in.');
    return choice.path;
  } catch (err) {
    if (!(err instanceof BrowserNotFoundError)) throw err;
    ctx.stderr(`buzzchat: the practice chat cannot connect. ${err.message}\n`);
    return undefined;
  }
}

function rendererDir(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Built: this code sits in out/main/ or out/main/chunks/, beside out/renderer. From source (tsx) src/renderer holds
  // only the unbuilt index.html, so the built dashboard in out/renderer is served instead.
  const candidates = [path.join(here, '../renderer'), path.join(here, '../../renderer'), path.join(here, '../../../../out/renderer')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'index.html')));
}

/** bin/buzzchat-mcp.js of this checkout, found from out/main/, out/main/chunks/ or (tsx) src/main/shells/cli/. */
function mcpLauncher(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = ['../../bin', '../../../bin', '../../../../bin'].map((d) => path.resolve(here, d, 'buzzchat-mcp.js'));
  return candidates.find((f) => fs.existsSync(f)) ?? candidates[0]!;
}

/** Runs the API (and the practice stream) until stopped; resolves to the exit code after a clean shutdown. */
export async function serve(o: ServeOptions, ctx: CliContext): Promise<number> {
  const say = line(ctx);
  // Usage mistakes first, before the app (Express, the MCP routes, playwright-core) loads: only serve loads it.
  const rawPort = parsePort(o.port ?? ctx.env.BUZZCHAT_PORT, -1);
  const mode = headlessMode(o, ctx.env);
  const [{ createApp, DEFAULT_PORT }, { defaultModules, practiceUrl }, { consoleLogger }] = await Promise.all([
    import('../../app/create-app.js'),
    import('../../app/domains.js'),
    import('../../kernel/logger.js'),
  ]);
  const port = rawPort === -1 ? DEFAULT_PORT : rawPort;
  const dataDir = dataDirOf(o.dataDir, ctx.env);
  if (mode.note) say(mode.note);
  const useBrowser = o.browser !== false;
  const browserPath = o.practice && useBrowser ? await practiceBrowser(o, mode, ctx) : ctx.env.BUZZCHAT_BROWSER || undefined;
  // 'connected' once the practice chat is attached; printed after the listening lines if it came first.
  let connected: 'no' | 'yes' | 'said' = 'no';
  let baseUrl: string | null = null;
  const sayConnected = () => {
    if (connected !== 'yes' || !baseUrl) return;
    connected = 'said';
    say(`Practice chat connected: the bot is answering the simulated viewers (watch ${practiceUrl(baseUrl)}).`);
  };
  const app = await createApp({
    dataDir,
    port,
    logger: consoleLogger,
    rendererDir: rendererDir(),
    // An assistant starts this checkout's MCP server with this Node; writing Claude Desktop's file is the desktop app's.
    mcp: { command: process.execPath, args: [mcpLauncher()], writeClaudeConfig: false },
    modules: (services) => {
      // Subscribed before the modules start: the practice chat may connect while createApp is still running.
      services.bus.subscribe((e) => {
        if (!o.practice || connected !== 'no' || e.type !== 'chat.status' || e.data.connected !== true) return;
        connected = 'yes';
        sayConnected();
      });
      return defaultModules({ practice: o.practice, headless: mode.headless, noBrowser: !useBrowser, browserPath, autoBackup: true })(services);
    },
  });
  baseUrl = app.baseUrl;
  say(`BuzzChat API listening on ${app.baseUrl}`);
  say(`Dashboard: ${app.baseUrl}/#token=${app.sessionToken}`);
  say(`API docs: ${app.baseUrl}/api/v1/docs  (data: ${dataDir})`);
  if (o.practice) say(`Practice stream: ${practiceUrl(app.baseUrl)}`);
  const dirFlag = o.dataDir ? ` --data-dir ${JSON.stringify(dataDir)}` : '';
  say(`Next: create an API key with \`npx buzzchat keys create --name my-app${dirFlag}\` (shown once), or open the dashboard. Stop with Ctrl+C.`);
  sayConnected();
  const signals = ctx.stop ? null : listenForSignals();
  const reason = await (ctx.stop ?? signals!.received);
  say(`Received ${reason}, shutting down...`);
  try {
    await app.stop();
    return 0;
  } catch (err) {
    ctx.stderr(`buzzchat: shutdown failed: ${(err as Error).stack ?? err}\n`);
    return 1;
  } finally {
    signals?.dispose();
  }
}

/**
 * Listens until shutdown is over: playwright-core exits the process with 130 on SIGINT when it finds no other
 * listener, which would cut our shutdown short.
 */
function listenForSignals(): { received: Promise<string>; dispose(): void } {
  let on: (signal: NodeJS.Signals) => void = () => {};
  const received = new Promise<string>((resolve) => (on = resolve));
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  return {
    received,
    dispose: () => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    },
  };
}
