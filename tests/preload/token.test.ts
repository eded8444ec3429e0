import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The preload's only job: release the per-launch session token to a page of the dashboard's origin and to
 * nothing else. `electron` is replaced by a contextBridge that records what the preload exposes.
 */
const exposed = vi.hoisted(() => new Map<string, unknown>());
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
}));

const ORIGIN = 'http://127.0.0.1:3847';
const TOKEN = 'bz_session_0123456789abcdef';
const argv = process.argv;

type Bridge = { session(): { token: string } | null };

/** Loads the preload afresh with these command-line switches, in a window at `at`. */
async function load(switches: string[], at: string): Promise<{ bridge: Bridge; goTo(url: string): void }> {
  exposed.clear();
  process.argv = [argv[0]!, 'renderer', ...switches];
  const location = { origin: new URL(at).origin };
  vi.stubGlobal('window', { location });
  vi.resetModules();
  await import('../../src/preload/index.js');
  return { bridge: exposed.get('buzzchat') as Bridge, goTo: (url) => (location.origin = new URL(url).origin) };
}

afterEach(() => {
  process.argv = argv;
  vi.unstubAllGlobals();
});

describe('preload session token', () => {
  const both = [`--buzzchat-token=${TOKEN}`, `--buzzchat-origin=${ORIGIN}`];

  it('exposes one object, `buzzchat`, with only session()', async () => {
    const { bridge } = await load(both, `${ORIGIN}/`);
    expect([...exposed.keys()]).toEqual(['buzzchat']);
    expect(Object.keys(bridge)).toEqual(['session']);
  });

  it('gives the token to a page of the dashboard origin, on any path', async () => {
    const { bridge } = await load(both, `${ORIGIN}/#/giveaway`);
    expect(bridge.session()).toEqual({ token: TOKEN });
  });

  it('gives nothing to any other origin: other host, port, scheme, or a lookalike', async () => {
    for (const at of [
      'http://evil.example/',
      'http://127.0.0.1:38470/',
      'http://localhost:3847/',
      'https://127.0.0.1:3847/',
      'http://127.0.0.1.nip.example:3847/',
    ]) {
      const { bridge } = await load(both, at);
      expect(bridge.session(), at).toBeNull();
    }
  });

  it('checks the origin on every call: after the window navigates away, nothing', async () => {
    const { bridge, goTo } = await load(both, `${ORIGIN}/`);
    expect(bridge.session()).toEqual({ token: TOKEN });
    goTo('http://evil.example/steal');
    expect(bridge.session()).toBeNull();
    goTo(`${ORIGIN}/#/settings`);
    expect(bridge.session()).toEqual({ token: TOKEN });
  });

  it('gives nothing when a switch is missing or empty', async () => {
    for (const switches of [
      [`--buzzchat-token=${TOKEN}`],
      [`--buzzchat-origin=${ORIGIN}`],
      ['--buzzchat-token=', `--buzzchat-origin=${ORIGIN}`],
      [],
    ]) {
      const { bridge } = await load(switches, `${ORIGIN}/`);
      expect(bridge.session(), switches.join(' ')).toBeNull();
    }
  });

  it('reads only the exact switches, not ones that merely start the same', async () => {
    const { bridge } = await load([`--buzzchat-token-old=${TOKEN}`, `--buzzchat-origin=${ORIGIN}`], `${ORIGIN}/`);
    expect(bridge.session()).toBeNull();
  });
});
