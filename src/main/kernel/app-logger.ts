import fs from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import pino from 'pino';
import { prettyFactory } from 'pino-pretty';
import pinoRoll from 'pino-roll';
import { LogThrottle } from './log-throttle.js';
import { CENSOR, redactDeep, redactPaths, redactText } from './log-redact.js';
import { errorCode, failureKind, folderFailure, plainCause } from './storage-error.js';
import type { Logger } from './logger.js';

/** The logger a shell owns: it also knows its file and is closed on the way out. */
export interface AppLogger extends Logger {
  /** The log file written now (`<dataDir>/logs/buzzchat.<n>.log`), or null when logging to the terminal only. */
  readonly file: string | null;
  close(): Promise<void>;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface LoggerOptions {
  /** Log files go to `<dataDir>/logs`; without it, the terminal only. */
  dataDir?: string;
  level?: LogLevel;
  /** Colored, multi-line records on the terminal (a TTY); otherwise one plain line per record. */
  pretty?: boolean;
  /** Where terminal lines go (process.stderr by default); null for none. */
  terminal?: { write(text: string): unknown } | null;
  /** Rotation: a new file past `size` (pino-roll units: 10m = 10 MB), `keep` files in all. */
  rotate?: { size: string; keep: number };
}

export const LOG_DIR_NAME = 'logs';
export const LOG_ROTATION = { size: '10m', keep: 5 } as const;
/** A full disk must not grow the unwritten part of the log without bound. */
const FILE_BUFFER_LIMIT = 1024 * 1024;

/**
 * pino in this process (no worker-thread transports): JSON lines to a size-rotated file in the data folder and
 * pretty or plain lines to stderr, with keys, tokens and secrets redacted from both.
 */
export async function createLogger(options: LoggerOptions = {}): Promise<AppLogger> {
  const level = options.level ?? 'info';
  const streamLevel: pino.Level = level === 'silent' ? 'fatal' : level;
  const terminal = options.terminal === undefined ? process.stderr : options.terminal;
  const streams: pino.StreamEntry[] = [];
  if (terminal) streams.push({ level: streamLevel, stream: terminalStream(terminal, options.pretty ?? false) });
  const notes: string[] = [];
  const file = options.dataDir ? await openLogFile(options.dataDir, options.rotate ?? LOG_ROTATION, streamLevel, terminal, notes) : null;
  if (file) streams.push(file.entry);
  const base = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths(), censor: CENSOR },
      serializers: { err: redactedError },
    },
    pino.multistream(streams),
  );
  const logger = wrap(base);
  for (const note of notes) logger.warn(note);
  return {
    ...logger,
    file: file?.path ?? null,
    close: async () => {
      await file?.close();
    },
  };
}

/**
 * The shells' logger: the data folder's log file, `BUZZCHAT_LOG_LEVEL` (default info), and `terminal` (stderr;
 * the CLI passes its own writer), pretty when stderr is a terminal.
 */
export function shellLogger(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  terminal: { write(text: string): unknown } = process.stderr,
): Promise<AppLogger> {
  const wanted = env.BUZZCHAT_LOG_LEVEL?.toLowerCase();
  const level = (['debug', 'info', 'warn', 'error', 'silent'] as const).find((l) => l === wanted) ?? 'info';
  return createLogger({ dataDir, level, pretty: terminal === process.stderr && process.stderr.isTTY === true, terminal });
}

function terminalStream(out: { write(text: string): unknown }, pretty: boolean): { write(line: string): void } {
  const format = prettyFactory({ colorize: pretty, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: !pretty });
  return {
    write(line: string) {
      try {
        out.write(format(line));
      } catch {
        // A closed terminal must not break the caller.
      }
    },
  };
}

interface LogFile {
  entry: pino.StreamEntry;
  path: string;
  close(): Promise<void>;
}

/** The rotating file, or null (with a note saying why) when the folder cannot take one. */
async function openLogFile(
  dataDir: string,
  rotate: { size: string; keep: number },
  level: pino.Level,
  terminal: { write(text: string): unknown } | null,
  notes: string[],
): Promise<LogFile | null> {
  const dir = path.join(dataDir, LOG_DIR_NAME);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    const why = folderFailure(err, dataDir, 'write its log file');
    notes.push(`Logging to the terminal only: ${why ? why.message.split('\n')[0] : (err as Error).message}`);
    return null;
  }
  // Sync writes: few lines a second at most, and none is lost when the process ends or crashes.
  const stream = await pinoRoll({
    file: path.join(dir, 'buzzchat.log'),
    size: rotate.size,
    // With removeOtherLogFiles, pino-roll keeps `count` files in all, the one being written included.
    limit: { count: rotate.keep, removeOtherLogFiles: true },
    sync: true,
    maxLength: FILE_BUFFER_LIMIT,
  });
  const throttle = new LogThrottle();
  stream.on('error', (err: Error) => {
    // The file cannot take the line (disk full, removed folder): say so on the terminal, once a minute.
    if (throttle.pass(errorCode(err) ?? 'error') === null) return;
    const kind = failureKind(err);
    terminal?.write(
      `[buzzchat] The log file ${stream.file} cannot be written (${kind ? plainCause(kind) : err.message}); lines go to the terminal only until it can.\n`,
    );
  });
  return {
    entry: { level, stream },
    get path() {
      return stream.file;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (stream.destroyed) return resolve();
        stream.once('close', () => resolve());
        stream.once('error', () => resolve());
        stream.end();
      }),
  };
}

type Method = 'info' | 'warn' | 'error';

/** The `(message, ...args)` calls the code makes, onto pino's `(fields, message)`. */
function wrap(base: pino.Logger): Logger {
  // A full or read-only disk fails every write after the first: one line per kind a minute, no stacks.
  const storage = new LogThrottle();
  const call =
    (method: Method) =>
    (...args: unknown[]) => {
      try {
        const { fields, message, storageKind } = toRecord(args);
        if (storageKind) {
          const held = storage.pass(storageKind);
          if (held === null) return;
          base[method](fields, held > 0 ? `${message} (${held} more since the last line like this)` : message);
          return;
        }
        base[method](fields, message);
      } catch {
        // Logging never throws into the code that logs.
      }
    };
  return { info: call('info'), warn: call('warn'), error: call('error') };
}

function toRecord(args: unknown[]): { fields: Record<string, unknown>; message: string; storageKind: string | null } {
  const parts: string[] = [];
  const fields: Record<string, unknown> = {};
  let storageKind: string | null = null;
  for (const a of args) {
    if (a instanceof Error && fields.err === undefined) {
      const kind = failureKind(a);
      if (kind === 'full' || kind === 'read-only' || kind === 'permission') {
        // The cause in plain words instead of a stack that says the same thing every time.
        storageKind = kind;
        parts.push(`${plainCause(kind)} (${errorCode(a)}: ${a.message})`);
      } else fields.err = a;
    } else if (typeof a === 'string') parts.push(a);
    else if (isPlainObject(a)) Object.assign(fields, redactDeep(a));
    else parts.push(typeof a === 'object' ? inspect(a, { depth: 3, breakLength: Infinity }) : String(a));
  }
  return { fields, message: redactText(parts.join(' ')), storageKind };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/** pino's error serializer, with keys and tokens taken out of the message and stack. */
function redactedError(err: Error): Record<string, unknown> {
  return redactDeep(pino.stdSerializers.err(err)) as Record<string, unknown>;
}
