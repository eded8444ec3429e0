/**
 * Where the per-launch session token comes from: the Electron preload bridge, or the `#token=` the
 * headless CLI prints. The hash is read once and cleared so the token does not linger in the address
 * bar or history; sessionStorage keeps it across reloads of this tab only.
 */
const STORAGE_KEY = 'buzzchat.sessionToken';

interface Bridge {
  session(): { token: string } | null;
}

declare global {
  interface Window {
    buzzchat?: Bridge;
  }
}

export function obtainToken(win: Window = window): string | null {
  const fromBridge = win.buzzchat?.session?.()?.token;
  if (fromBridge) return fromBridge;
  const m = /(?:^#|&)token=([^&]+)/.exec(win.location.hash);
  if (m) {
    win.sessionStorage.setItem(STORAGE_KEY, decodeURIComponent(m[1]!));
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
  }
  return win.sessionStorage.getItem(STORAGE_KEY);
}

/** A token the server no longer accepts (the app restarted): forget it so the next load asks again. */
export function forgetToken(win: Window = window): void {
  win.sessionStorage.removeItem(STORAGE_KEY);
}
