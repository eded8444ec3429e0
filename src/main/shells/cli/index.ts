import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp, DEFAULT_PORT } from '../../app/create-app.js';
import { openDatabase, openDatabaseForBackup, DatabaseOpenError, DB_FILE_NAME } from '../../kernel/db/database.js';
import { BackupService } from '../../domains/backups/service.js';
import { restoreSteps } from '../../kernel/db/backup-files.js';
import { ApiKeyService } from '../../domains/apikeys/service.js';
import { ApiKeyStore } from '../../domains/apikeys/store.js';
import { SCOPES, type Scope } from '../../domains/apikeys/schema.js';
import { defaultDataDir } from '../../kernel/datadir.js';
import { defaultModules } from '../../app/domains.js';
import { consoleLogger } from '../../kernel/logger.js';
import { systemClock } from '../../kernel/clock.js';
import { APP_VERSION } from '../../app/core-routes.js';

const USAGE = `Usage:
  buzzchat serve [--port 3847] [--data-dir DIR] [--practice] [--headless] [--no-browser]
  buzzchat keys create --name NAME [--scopes scope1,scope2] [--data-dir DIR]
  buzzchat keys list [--data-dir DIR]
  buzzchat keys revoke ID [--data-dir DIR]
  buzzchat backup [--data-dir DIR]     copy the database into DIR/backups now (also while BuzzChat runs)
  buzzchat --version

Environment: BUZZCHAT_PORT, BUZZCHAT_DATA_DIR, BUZZCHAT_BROWSER (browser executable).
Scopes: ${SCOPES.join(', ')}`;

class UsageError extends Error {}

function here(): string {
  return path.dirname(fileURLToPath(import.meta.url));
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PORT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`Invalid port "${raw}": use a number from 0 to 65535`);
  return n;
}

/** Runs the CLI; resolves to the exit code (serve resolves only after a clean shutdown). */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === '--version' || command === '-v') {
      console.log(APP_VERSION);
      return 0;
    }
    if (command === 'serve') return await serve(rest, env);
    if (command === 'keys') return keys(rest, env);
    if (command === 'backup') return await backup(rest, env);
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    }
    throw new UsageError(`Unknown command "${command}"`);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`buzzchat: ${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof DatabaseOpenError) {
      console.error(`buzzchat: ${err.message}`);
      return 1;
    }
    if ((err as { code?: string }).code === 'EADDRINUSE') {
      console.error(`buzzchat: port ${(err as { port?: number }).port ?? ''} is already in use (is BuzzChat already running?). Use --port or BUZZCHAT_PORT.`);
      return 1;
    }
    console.error(`buzzchat: ${(err as Error).stack ?? err}`);
    return 1;
  }
}

async function serve(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      practice: { type: 'boolean', default: false },
      headless: { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = parsePort(values.port ?? env.BUZZCHAT_PORT);
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir(env);
  // Built: out/main/cli.js next to out/renderer. From source (tsx src/main/shells/cli/index.ts) src/renderer holds only the
  // unbuilt index.html, so the built dashboard in out/renderer is served instead.
  const fromSource = path.basename(here()) === 'cli';
  const rendererDir = fromSource ? path.join(here(), '../../../../out/renderer') : path.join(here(), '../renderer');
  const app = await createApp({
    dataDir,
    port,
    logger: consoleLogger,
    rendererDir: fs.existsSync(path.join(rendererDir, 'index.html')) ? rendererDir : undefined,
    modules: defaultModules({
      practice: values.practice,
      headless: values.headless,
      noBrowser: values['no-browser'],
      browserPath: env.BUZZCHAT_BROWSER,
      autoBackup: true,
    }),
  });
  console.log(`BuzzChat API listening on ${app.baseUrl}`);
  console.log(`Dashboard: ${app.baseUrl}/#token=${app.sessionToken}`);
  console.log(`API docs: ${app.baseUrl}/api/v1/docs  (data: ${dataDir})`);
  if (values.practice) console.log(`Practice stream: ${app.baseUrl}/practice/`);
  return new Promise((resolve) => {
    const shutdown = (signal: string) => {
      console.log(`Received ${signal}, shutting down...`);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      app.stop().then(
        () => resolve(0),
        (err) => {
          console.error('buzzchat: shutdown failed:', err);
          resolve(1);
        },
      );
    };
    const onInt = () => shutdown('SIGINT');
    const onTerm = () => shutdown('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

function keys(args: string[], env: NodeJS.ProcessEnv): number {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, scopes: { type: 'string' }, 'data-dir': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir(env);
  const db = openDatabase(path.join(dataDir, 'buzzchat.db'));
  try {
    const service = new ApiKeyService(new ApiKeyStore(db), systemClock);
    if (sub === 'create') {
      const name = values.name?.trim();
      if (!name) throw new UsageError('keys create needs --name NAME');
      if (name.length > 100) throw new UsageError('--name must be at most 100 characters');
      let scopes: Scope[] | null = null;
      if (values.scopes !== undefined) {
        const list = values.scopes.split(',').map((s) => s.trim()).filter(Boolean);
        // An empty list (say an unset shell variable) must not quietly mean "every scope".
        if (list.length === 0) throw new UsageError('--scopes is empty; leave it out for a key with every scope');
        const bad = list.filter((s) => !(SCOPES as readonly string[]).includes(s));
        if (bad.length) throw new UsageError(`Unknown scope(s): ${bad.join(', ')}`);
        scopes = list as Scope[];
      }
      const { key, apiKey } = service.create(name, scopes);
      console.log(`Created API key ${apiKey.id} "${apiKey.name}" with scopes: ${apiKey.scopes?.join(', ') ?? 'all'}`);
      console.log('Copy it now: it is shown only once.');
      console.log(key);
      return 0;
    }
    if (sub === 'list') {
      const list = service.list();
      if (list.length === 0) console.log('No API keys. Create one with: buzzchat keys create --name NAME');
      for (const k of list) {
        const state = k.revokedAt ? `revoked ${k.revokedAt}` : `last used ${k.lastUsedAt ?? 'never'}`;
        console.log(`${k.id}  ${k.prefix}…  ${k.name}  scopes=${k.scopes?.join(',') ?? 'all'}  created ${k.createdAt}  ${state}`);
      }
      return 0;
    }
    if (sub === 'revoke') {
      const id = positionals[0];
      if (!id) throw new UsageError('keys revoke needs the key id (see buzzchat keys list)');
      const before = service.list().find((k) => k.id === id);
      if (!before) {
        console.error(`buzzchat: no API key with id ${id}`);
        return 1;
      }
      if (before.revokedAt) {
        console.log(`${id} was already revoked at ${before.revokedAt}`);
        return 0;
      }
      service.revoke(id);
      console.log(`Revoked ${id} "${before.name}": requests with it are refused from now on`);
      return 0;
    }
    throw new UsageError(`Unknown keys command "${sub ?? ''}"`);
  } finally {
    db.close();
  }
}

/**
 * Copies the database next to it, with a connection of its own: no data-dir lock and no migration, so it works
 * while a server or the desktop app runs on the same folder.
 */
async function backup(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, strict: true });
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir(env);
  const file = path.join(dataDir, DB_FILE_NAME);
  const db = openDatabaseForBackup(file);
  try {
    // All pages in one step: a write by a running server would restart a copy taken in small steps.
    const service = new BackupService(db, file, systemClock, consoleLogger, { pagesPerStep: 0x7fffffff });
    const taken = await service.take('manual');
    console.log(`Backup written (${taken.bytes} bytes). To restore it: ${restoreSteps(taken.path, file)}`);
    // Alone on the last line, for scripts.
    console.log(taken.path);
    return 0;
  } finally {
    db.close();
  }
}

// Run directly (`tsx src/main/shells/cli/index.ts serve`, `node out/main/cli.js`); bin/buzzchat.js imports main() instead.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
