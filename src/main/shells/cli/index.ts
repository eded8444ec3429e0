import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import pkg from '../../../../package.json' with { type: 'json' };
import { SCOPES } from '../../domains/apikeys/schema.js';
import { processContext, UsageError, type CliContext } from './context.js';

// Only commander loads up front: each command imports what it needs when it runs, so `keys list` never loads
// Express, the MCP SDK or playwright-core (serve does).

const ENVIRONMENT = `
Each command has its own help: buzzchat serve --help, buzzchat keys create --help, ...

Environment:
  BUZZCHAT_PORT         port of the API (default 3847)
  BUZZCHAT_DATA_DIR     data folder (default: the OS app-data folder, e.g. ~/.config/BuzzChat)
  BUZZCHAT_BROWSER      Chrome/Edge/Chromium executable for the chat; \`bundled\` forces the bundled headless
                        Chromium (Linux x64; practice stream and tests only: real sites need your own browser)
  BUZZCHAT_NO_SANDBOX   1 turns Chromium's sandbox off (only where it cannot start with it; automatic as root on Linux)
  BUZZCHAT_HEADLESS     1 makes \`npm start\` run \`serve --practice\` instead of the desktop app
  BUZZCHAT_URL, BUZZCHAT_API_KEY   for buzzchat-mcp (the MCP server) and buzzchat doctor: the API to call and the key to call it with`;

const dataDirOption = () => new Option('--data-dir <dir>', 'data folder (env: BUZZCHAT_DATA_DIR)');

/** The command tree; each action hands its exit code to `done`. */
function program(ctx: CliContext, done: (code: number) => void): Command {
  const root = new Command('buzzchat')
    .description('BuzzChat without the desktop window: the API server, the practice stream, API keys and backups.')
    .version(pkg.version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .configureOutput({
      writeOut: ctx.stdout,
      writeErr: ctx.stderr,
      outputError: (text, write) => write(`buzzchat: ${text.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .addHelpText('after', ENVIRONMENT);

  root
    .command('serve')
    .description('run the API, the dashboard and the chat (and with --practice the practice stream) until Ctrl+C')
    .option('--port <port>', 'port of the API, 0 for any free one (env: BUZZCHAT_PORT; default 3847)')
    .addOption(dataDirOption())
    .option('--practice', 'start the practice stream: a local live page with simulated viewers, its chat connected to the bot')
    .option('--headless', 'run the chat browser without a window (automatic where there is no display)')
    .option('--headed', 'run the chat browser in a window even where no display is detected')
    .option('--no-browser', 'never start a browser (API only)')
    .addHelpText(
      'after',
      `\nPrints "BuzzChat API listening on http://127.0.0.1:PORT" when ready.\nAlso reads BUZZCHAT_BROWSER and BUZZCHAT_NO_SANDBOX (see buzzchat --help).`,
    )
    .action(async (o) => done(await (await import('./serve.js')).serve(o, ctx)));

  const keys = root.command('keys').description('create, list and revoke API keys (works while BuzzChat runs)');
  keys
    .command('create')
    .description('create an API key; it is printed once, alone on the last line')
    .requiredOption('--name <name>', 'what the key is for (at most 100 characters)')
    .option('--scopes <list>', 'comma-separated scopes, listed below (default: every scope)')
    .addOption(dataDirOption())
    .addHelpText('after', `\nScopes: ${SCOPES.join(', ')}`)
    .action(async (o) => done((await import('./keys.js')).keysCreate(o, ctx)));
  keys
    .command('list')
    .description('list API keys (never the keys themselves)')
    .addOption(dataDirOption())
    .action(async (o) => done((await import('./keys.js')).keysList(o, ctx)));
  keys
    .command('revoke')
    .description('revoke an API key: requests with it are refused from then on')
    .argument('<id>', 'the key id (key_..., see buzzchat keys list)')
    .addOption(dataDirOption())
    .action(async (id: string, o) => done((await import('./keys.js')).keysRevoke(id, o, ctx)));

  root
    .command('doctor')
    .description("check the running app's chat: what reads it, what is wrong and how to fix it (exit 0 healthy, 1 problems, 2 cannot ask)")
    .option('--account <id>', 'the account to check (default: the active one)')
    .option('--url <url>', 'where the app listens (env: BUZZCHAT_URL; default http://127.0.0.1:BUZZCHAT_PORT or 3847)')
    .option('--api-key <key>', 'an API key with chat:read (env: BUZZCHAT_API_KEY; see below)')
    .option('--json', 'print the diagnosis as JSON')
    .option('--report <file>', 'also save a site report (usernames and messages masked) to send when a site changed')
    .action(async (o) => done(await (await import('./doctor.js')).doctor(o, ctx)))
    .addHelpText('after', '\nA key: buzzchat keys create --name doctor --scopes chat:read\nAlso reads BUZZCHAT_URL, BUZZCHAT_PORT.');

  root
    .command('backup')
    .description('copy the database into <data dir>/backups now (also while BuzzChat runs); prints the copy last')
    .addOption(dataDirOption())
    .action(async (o) => done(await (await import('./backup.js')).backup(o, ctx)));
  return root;
}

/** Runs the CLI; resolves to the exit code (0 ok, 1 failed, 2 usage). serve resolves only after a clean shutdown. */
export async function main(argv: string[], context: Partial<CliContext> = {}): Promise<number> {
  const ctx: CliContext = { ...processContext(), ...context };
  let code = 0;
  let command = 'buzzchat';
  const root = program(ctx, (c) => (code = c));
  root.hook('preAction', (_root, action) => {
    command = ['buzzchat', ...commandPath(action)].join(' ');
  });
  try {
    await root.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    return failed(err, command, ctx);
  }
}

function commandPath(c: Command): string[] {
  return c.parent ? [...commandPath(c.parent), c.name()] : [];
}

async function failed(err: unknown, command: string, ctx: CliContext): Promise<number> {
  // commander has printed its own message (or the help or version asked for).
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
  if (err instanceof UsageError) {
    ctx.stderr(`buzzchat: ${err.message}\n(see ${command} --help)\n`);
    return 2;
  }
  const e = err as { code?: string; port?: number; message?: string; stack?: string; name?: string };
  if (e.name === 'DatabaseOpenError') {
    ctx.stderr(`buzzchat: ${e.message}\n`);
    return 1;
  }
  if (e.code === 'EADDRINUSE') {
    ctx.stderr(`buzzchat: port ${e.port ?? ''} is already in use (is BuzzChat already running?). Use --port or BUZZCHAT_PORT.\n`);
    return 1;
  }
  ctx.stderr(`buzzchat: ${e.stack ?? String(err)}\n`);
  return 1;
}

// Run directly (`tsx src/main/shells/cli/index.ts serve`, `node out/main/cli.js`); bin/buzzchat.js imports main() instead.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
