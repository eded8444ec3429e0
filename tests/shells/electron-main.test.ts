import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it, vi, type Mock } from 'vitest';
import type { App } from '../../src/main/app/create-app.js';
import { tempDir } from '../helpers/app.js';
import { waitUntil } from '../helpers/wait.js';

/**
 * The Electron entry with `electron` replaced by a recording fake (no Electron binary can run here):
 * it must build the real core with createApp and open a hardened window on it.
 */
type Handler = (...args: any[]) => any;
const h = vi.hoisted(() => ({
  dataDir: '',
  appHandlers: {} as Record<string, Handler>,
  windows: [] as any[],
  trays: [] as any[],
  errors: [] as [string, string][],
  external: [] as string[],
  quit: 0,
  exit: [] as number[],
  locks: 0,
  dockHidden: 0,
  hardwareOff: 0,
  mcpRuns: [] as { args: string[]; io: unknown }[],
  setPaths: [] as [string, string][],
}));

vi.mock('electron', () => {
  class FakeWindow {
    handlers: Record<string, Handler> = {};
    openHandler: Handler | null = null;
    navHandlers: Record<string, Handler> = {};
    loadURL = vi.fn(async () => {});
    webContents = {
      setWindowOpenHandler: (fn: Handler) => (this.openHandler = fn),
      on: (ev: string, fn: Handler) => (this.navHandlers[ev] = fn),
      session: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
    };
    constructor(public options: any) {
      h.windows.push(this);
    }
    once(ev: string, fn: Handler) {
      this.handlers[ev] = fn;
    }
    on(ev: string, fn: Handler) {
      this.handlers[ev] = fn;
    }
    show() {}
    hide() {}
    focus() {}
    restore() {}
    isVisible() {
      return true;
    }
    isMinimized() {
      return false;
    }
  }
  class FakeTray {
    menu: any = null;
    constructor() {
      h.trays.push(this);
    }
    setToolTip() {}
    setContextMenu(m: any) {
      this.menu = m;
    }
    on() {}
    destroy() {}
  }
  return {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => (h.locks++, true),
      dock: { hide: () => void h.dockHidden++ },
      disableHardwareAcceleration: () => void h.hardwareOff++,
      on: (ev: string, fn: Handler) => (h.appHandlers[ev] = fn),
      whenReady: () => Promise.resolve(),
      getPath: (name: string) => (name === 'userData' ? h.dataDir : '/nonexistent'),
      getAppPath: () => '/work/buzzchat',
      setPath: (name: string, value: string) => void h.setPaths.push([name, value]),
      quit: () => {
        h.quit++;
      },
      exit: (code: number) => h.exit.push(code),
    },
    BrowserWindow: FakeWindow,
    Tray: FakeTray,
    Menu: { buildFromTemplate: (template: any) => ({ template }), setApplicationMenu: () => {} },
    nativeImage: { createFromPath: () => ({ isEmpty: () => false }), createEmpty: () => ({}) },
    dialog: { showErrorBox: (title: string, detail: string) => h.errors.push([title, detail]) },
    shell: { openExternal: async (url: string) => void h.external.push(url), openPath: async () => '' },
  };
});

vi.mock('../../src/main/app/create-app.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/main/app/create-app.js')>();
  return { ...actual, createApp: vi.fn(actual.createApp) };
});

// The real module list, minus browser launches (no display or profile here).
vi.mock('../../src/main/app/domains.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/main/app/domains.js')>();
  return { ...actual, defaultModules: () => actual.defaultModules({ noBrowser: true }) };
});

// The MCP server itself is tested over real stdio (tests/shells/mcp/desktop-entry.test.ts); here, what `--mcp` hands it.
vi.mock('../../src/main/shells/mcp/cli.js', () => ({
  main: async (args: string[], io: unknown) => void h.mcpRuns.push({ args, io }),
}));

const blockers: net.Server[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const b of blockers) b.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  delete process.env.BUZZCHAT_PORT;
});

async function boot(port: string, prepare?: (dataDir: string) => void): Promise<void> {
  h.dataDir = tempDir('buzzchat-electron-');
  dirs.push(h.dataDir);
  prepare?.(h.dataDir);
  h.windows.length = 0;
  h.errors.length = 0;
  process.env.BUZZCHAT_PORT = port;
  vi.resetModules();
  await import('../../src/main/shells/electron/index.js');
}

describe('Electron entry', () => {
  it('runs the core through createApp and opens a hardened window on its dashboard', async () => {
    await boot('0');
    const { createApp } = await import('../../src/main/app/create-app.js');
    await waitUntil(() => expect(h.windows).toHaveLength(1));
    const createAppMock = createApp as unknown as Mock;
    expect(createAppMock).toHaveBeenCalledTimes(1);
    const options = createAppMock.mock.calls[0]![0];
    expect(options).toMatchObject({ dataDir: h.dataDir, port: 0 });
    // Assistants start this executable with --mcp (unpackaged, Electron needs the app folder first).
    expect(options.mcp).toEqual({ command: process.execPath, args: ['/work/buzzchat', '--mcp'], writeClaudeConfig: true });
    expect(path.basename(options.rendererDir)).toBe('renderer');
    const app: App = await createAppMock.mock.results[0]!.value;

    const win = h.windows[0];
    const prefs = win.options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload.endsWith(path.join('preload', 'index.cjs'))).toBe(true);
    expect(prefs.additionalArguments).toEqual([`--buzzchat-token=${app.sessionToken}`, `--buzzchat-origin=${app.baseUrl}`]);
    expect(win.loadURL).toHaveBeenCalledWith(`${app.baseUrl}/`);
    expect(win.options.minWidth).toBe(1000);

    // New windows are denied; only https leaves the app, in the browser.
    expect(win.openHandler({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(win.openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(h.external).toEqual(['https://example.com/help']);
    const nav = (url: string) => {
      const event = { preventDefault: vi.fn() };
      win.navHandlers['will-navigate'](event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(nav(`${app.baseUrl}/#/giveaway`)).toBe(false);
    expect(nav('http://evil.example/')).toBe(true);

    // Tray: Start bot goes through the same settings service as the API.
    const items = h.trays[0].menu.template as { label?: string; click?: () => void }[];
    items.find((i) => i.label === 'Start bot')!.click!();
    const res = await fetch(`${app.baseUrl}/api/v1/settings`, { headers: { authorization: `Bearer ${app.sessionToken}` } });
    expect((await res.json()).data.botActive).toBe(true);

    // Quit stops the core before Electron exits.
    const quitEvent = { preventDefault: vi.fn() };
    const quitsBefore = h.quit;
    h.appHandlers['before-quit']!(quitEvent);
    expect(quitEvent.preventDefault).toHaveBeenCalled();
    await waitUntil(() => expect(h.quit).toBe(quitsBefore + 1));
    await expect(fetch(`${app.baseUrl}/api/v1/health`)).rejects.toThrow();
  });

  it('explains a taken port in a dialog and exits', async () => {
    const blocker = net.createServer();
    blockers.push(blocker);
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    await boot(String(port));
    await waitUntil(() => expect(h.errors).toHaveLength(1));
    expect(h.errors[0]![0]).toBe(`Port ${port} is already in use`);
    expect(h.errors[0]![1]).toContain('BUZZCHAT_PORT');
    expect(h.exit).toContain(1);
    expect(h.windows).toHaveLength(0);
  });
});

describe('Electron entry with a damaged database', () => {
  it('shows the DatabaseOpenError message and leaves the file alone', async () => {
    const garbage = 'this is not a SQLite database '.repeat(200);
    await boot('0', (dir) => fs.writeFileSync(path.join(dir, 'buzzchat.db'), garbage));
    await waitUntil(() => expect(h.errors).toHaveLength(1));
    expect(h.errors[0]).toEqual(['BuzzChat cannot open its database', expect.any(String)]);
    expect(h.errors[0]![1]).toMatch(/left untouched/);
    expect(fs.readFileSync(path.join(h.dataDir, 'buzzchat.db'), 'utf8')).toBe(garbage);
    expect(h.windows).toHaveLength(0);
  });
});

describe('Electron entry with --mcp', () => {
  it('runs the MCP server with the flags after --mcp: no core, window, tray or single-instance lock, no dock icon', async () => {
    const argv = process.argv;
    const processType = Object.getOwnPropertyDescriptor(process, 'type');
    const { createApp } = await import('../../src/main/app/create-app.js');
    const appsBefore = (createApp as unknown as Mock).mock.calls.length;
    h.windows.length = 0;
    h.trays.length = 0;
    const locksBefore = h.locks;
    try {
      process.argv = [argv[0]!, '--mcp', '--url', 'http://127.0.0.1:3999'];
      // What Electron's main process says it is (its `app` is the mock above).
      Object.defineProperty(process, 'type', { value: 'browser', configurable: true });
      vi.resetModules();
      await import('../../src/main/shells/electron/index.js');
    } finally {
      process.argv = argv;
      if (processType) Object.defineProperty(process, 'type', processType);
      else delete (process as { type?: string }).type;
    }
    expect(h.mcpRuns).toEqual([{ args: ['--url', 'http://127.0.0.1:3999'], io: process.platform === 'win32' ? expect.anything() : undefined }]);
    expect(h.dockHidden).toBe(1);
    expect(h.hardwareOff).toBe(1);
    // Chromium's files go to a folder of their own, not the running app's userData (its database is there).
    expect(h.setPaths).toEqual([['userData', path.join('/nonexistent', 'BuzzChat-mcp')]]);
    expect(h.locks).toBe(locksBefore);
    expect(h.windows).toHaveLength(0);
    expect(h.trays).toHaveLength(0);
    expect((createApp as unknown as Mock).mock.calls.length).toBe(appsBefore);
  });

  it('reads arguments only after --mcp, and treats a run without it as the app', async () => {
    const { mcpArgsOf, electronIo } = await import('../../src/main/shells/electron/mcp-mode.js');
    expect(mcpArgsOf(['/Applications/BuzzChat.app/Contents/MacOS/BuzzChat', '--mcp'])).toEqual([]);
    expect(mcpArgsOf(['electron', '.', '--no-sandbox', '--mcp', '--api-key', 'k'])).toEqual(['--api-key', 'k']);
    expect(mcpArgsOf(['electron', '.'])).toBeNull();
    // Only Windows' Electron needs its own stdio streams.
    expect(electronIo('darwin')).toBeUndefined();
    expect(electronIo('linux')).toBeUndefined();
  });
});
