#!/usr/bin/env node
// `npm start`: build, then open the desktop app; where Electron cannot run (no binary could be fetched,
// or no display) run the same core headless with the practice stream, so a new user sees the bot work.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_ENV, CORE_V8_FLAGS } from '../bin/node-flags.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  if (process.env.BUZZCHAT_HEADLESS === '1') return { reason: 'BUZZCHAT_HEADLESS=1' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { reason: 'no display' };
  // Electron >= 42 downloads its binary on first require; that needs the network.
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  if (probe.status === 0 && probe.stdout) return { path: probe.stdout };
  return { reason: 'the Electron binary is not available' };
}

const electron = electronBinary();
let child;
if (electron.path) {
  // The main process runs the core: Electron applies --js-flags to it only when given at launch.
  child = spawn(electron.path, [`--js-flags=${CORE_V8_FLAGS.join(' ')}`, root], { cwd: root, stdio: 'inherit' });
} else {
  console.log(`Starting BuzzChat without the desktop window (${electron.reason}), with the practice stream.`);
  // serve itself goes headless where there is no display, and says so. The core's V8 flags and malloc setting are
  // given here so the launcher does not restart itself for them (see bin/node-flags.js).
  const args = [...CORE_V8_FLAGS, path.join(root, 'bin', 'buzzchat.js'), 'serve', '--practice', ...process.argv.slice(2)];
  child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...CORE_ENV, ...process.env } });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
