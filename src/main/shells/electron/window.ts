/**
 * The Electron shell: one window on the dashboard the core serves at http://127.0.0.1:PORT/, a tray icon,
 * and the application menu (index.ts starts it unless the executable was run with `--mcp`). Only
 * src/main/shells/electron imports `electron`; everything else is the same core the headless CLI runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app as electronApp, BrowserWindow, dialog, Menu, nativeImage, shell, Tray, type MenuItemConstructorOptions } from 'electron';
import { createApp, DEFAULT_PORT, type App } from '../../app/create-app.js';
import { DatabaseOpenError } from '../../kernel/db/database.js';
import { consoleLogger } from '../../kernel/logger.js';
import { defaultModules } from '../../app/domains.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.join(here, '../renderer');
const PRELOAD = path.join(here, '../preload/index.cjs');
/** resources/ sits next to out/ in development and in extraResources once packaged. */
const RESOURCES = electronApp.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(here, '../../resources');

let core: App | null = null;
let win: BrowserWindow | null = null;
let tray: Tray | null = null;
let quitting = false;

export function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`BUZZCHAT_PORT "${raw}" is not a port number (0-65535)`);
  return n;
}

/** The hardened window options; exported so a test can check them without a display. */
export function windowOptions(origin: string, token: string): Electron.BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 1000,
    minHeight: 700,
    title: 'BuzzChat',
    backgroundColor: '#111318',
    show: false,
    icon: path.join(RESOURCES, 'icon.png'),
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
      additionalArguments: [`--buzzchat-token=${token}`, `--buzzchat-origin=${origin}`],
    },
  };
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** Only https links leave the app, and they open in the user's browser. */
export function openExternalIfSafe(url: string): void {
  try {
    if (new URL(url).protocol === 'https:') void shell.openExternal(url);
  } catch {
    /* not a URL: ignore */
  }
}

function createWindow(c: App): BrowserWindow {
  const origin = new URL(c.baseUrl).origin;
  const w = new BrowserWindow(windowOptions(origin, c.sessionToken));
  w.webContents.setWindowOpenHandler(({ url }) => {
    openExternalIfSafe(url);
    return { action: 'deny' };
  });
  w.webContents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== origin) {
      event.preventDefault();
      openExternalIfSafe(url);
    }
  });
  w.webContents.on('will-attach-webview', (event) => event.preventDefault());
  // The dashboard's own page may show notifications (the status strip's alerts); nothing else (camera, mic, ...).
  const ownNotifications = (permission: string, requestingUrl: string) => permission === 'notifications' && sameOrigin(requestingUrl, origin);
  w.webContents.session.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(ownNotifications(permission, details.requestingUrl)),
  );
  w.webContents.session.setPermissionCheckHandler((_wc, permission, requestingOrigin) => ownNotifications(permission, requestingOrigin));
  w.once('ready-to-show', () => w.show());
  // Closing the window hides it to the tray; the bot keeps running until Quit.
  w.on('close', (event) => {
    if (!quitting && tray) {
      event.preventDefault();
      w.hide();
    }
  });
  w.on('closed', () => {
    if (win === w) win = null;
  });
  void w.loadURL(`${c.baseUrl}/`);
  return w;
}

function showWindow(): void {
  if (!core) return;
  if (!win) win = createWindow(core);
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

function toggleWindow(): void {
  if (win?.isVisible()) win.hide();
  else showWindow();
}

function activeAccountId(c: App): string {
  return c.services.accounts.active().id;
}

function setBot(active: boolean): void {
  if (!core) return;
  core.services.settings.setBotActive(activeAccountId(core), active);
  refreshTray();
}

function refreshTray(): void {
  if (!tray || !core) return;
  const running = core.services.settings.get(activeAccountId(core)).botActive;
  tray.setToolTip(`BuzzChat — bot ${running ? 'running' : 'stopped'}`);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: win?.isVisible() ? 'Hide BuzzChat' : 'Show BuzzChat', click: toggleWindow },
      { type: 'separator' },
      { label: running ? 'Stop bot' : 'Start bot', click: () => setBot(!running) },
      { type: 'separator' },
      { label: 'Quit BuzzChat', click: () => electronApp.quit() },
    ]),
  );
}

function createTray(c: App): void {
  const image = nativeImage.createFromPath(path.join(RESOURCES, 'tray.png'));
  tray = new Tray(image.isEmpty() ? nativeImage.createEmpty() : image);
  tray.on('click', toggleWindow);
  refreshTray();
  // Keep the Start/Stop label right when the bot is toggled from the dashboard or the API.
  c.services.bus.subscribe((e) => {
    if (e.type === 'bot.started' || e.type === 'bot.stopped' || e.type === 'accounts.switched') setImmediate(refreshTray);
  });
}

function createMenu(): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Start bot', accelerator: 'CmdOrCtrl+Shift+S', click: () => setBot(true) },
        { label: 'Stop bot', accelerator: 'CmdOrCtrl+Shift+X', click: () => setBot(false) },
        { type: 'separator' },
        { label: 'Open data folder', click: () => core && void shell.openPath(core.services.dataDir) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => electronApp.quit() },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'API reference', click: () => core && void shell.openExternal(`${core.baseUrl}/api/v1/docs`) }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** This executable with --mcp (index.ts); unpackaged, Electron needs the app's folder before it. */
function mcpLaunch() {
  const args = electronApp.isPackaged ? ['--mcp'] : [electronApp.getAppPath(), '--mcp'];
  return { command: process.execPath, args, writeClaudeConfig: true };
}

function startupErrorMessage(err: unknown, port: number): { title: string; detail: string } {
  // By name too: a second copy of the class (e.g. two bundles of the core) would defeat instanceof.
  if (err instanceof DatabaseOpenError || (err as Error)?.name === 'DatabaseOpenError')
    return { title: 'BuzzChat cannot open its database', detail: (err as Error).message };
  if ((err as { code?: string }).code === 'EADDRINUSE') {
    return {
      title: `Port ${port} is already in use`,
      detail: `Another program (or another BuzzChat, e.g. \`buzzchat serve\`) is using port ${port}. Close it, or start BuzzChat with the BUZZCHAT_PORT environment variable set to a free port.`,
    };
  }
  return { title: 'BuzzChat could not start', detail: (err as Error)?.stack ?? String(err) };
}

async function start(): Promise<void> {
  let port = DEFAULT_PORT;
  try {
    port = parsePort(process.env.BUZZCHAT_PORT);
    core = await createApp({
      dataDir: electronApp.getPath('userData'),
      port,
      logger: consoleLogger,
      rendererDir: RENDERER_DIR,
      modules: defaultModules({ browserPath: process.env.BUZZCHAT_BROWSER, autoBackup: true }),
      mcp: mcpLaunch(),
    });
  } catch (err) {
    const { title, detail } = startupErrorMessage(err, port);
    dialog.showErrorBox(title, detail);
    quitting = true;
    electronApp.exit(1);
    return;
  }
  createMenu();
  // The dashboard is always the built renderer served by the core (same origin as the API, one CSP),
  // also under `electron-vite dev`, whose dev-server URL is deliberately not used.
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    dialog.showErrorBox(
      'BuzzChat dashboard is not built',
      `${RENDERER_DIR} has no index.html. Run \`npm run build\`; the API keeps running meanwhile.`,
    );
  }
  win = createWindow(core);
  try {
    createTray(core);
  } catch (err) {
    // Some Linux desktops have no tray; the window then closes the app as usual.
    consoleLogger.warn('Tray unavailable:', err);
    tray = null;
  }
}

/** Entry: only one BuzzChat per user, since both would want the same port and database. */
export function main(): void {
  if (!electronApp.requestSingleInstanceLock()) {
    electronApp.quit();
    return;
  }
  electronApp.on('second-instance', showWindow);
  electronApp.on('activate', showWindow);
  electronApp.on('window-all-closed', () => {
    if (!tray) electronApp.quit();
  });
  electronApp.on('before-quit', (event) => {
    quitting = true;
    if (!core) return;
    // Stop the core (chat sessions, webhook worker, HTTP server, SQLite) before Electron exits.
    event.preventDefault();
    const c = core;
    core = null;
    c.stop()
      .catch((err) => consoleLogger.error('Shutdown failed:', err))
      .finally(() => {
        tray?.destroy();
        tray = null;
        electronApp.quit();
      });
  });
  void electronApp.whenReady().then(start);
}
