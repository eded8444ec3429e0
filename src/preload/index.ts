/**
 * Sandboxed preload (CommonJS, see electron.vite.config.ts). Hands the per-launch session token to the
 * dashboard, and nothing else: no IPC, no Node APIs. The main process passes the token and the dashboard's
 * origin as command-line switches (webPreferences.additionalArguments); the token is only released to a
 * page of that origin, so a page that somehow got into the window cannot read it.
 */
import { contextBridge } from 'electron';

function switchValue(name: string): string | null {
  const prefix = `--${name}=`;
  const arg = process.argv.find((a) => a.startsWith(prefix));
  return arg ? arg.slice(prefix.length) : null;
}

const token = switchValue('buzzchat-token');
const origin = switchValue('buzzchat-origin');

contextBridge.exposeInMainWorld('buzzchat', {
  session(): { token: string } | null {
    if (!token || !origin || window.location.origin !== origin) return null;
    return { token };
  },
});
