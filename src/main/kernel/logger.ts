/**
 * The leveled logger handed to services: `logger.error('Bot tick failed:', err)`. Strings and numbers make the
 * message; an Error becomes the record's `err` (message and stack); a plain object adds its fields. The shells
 * make a pino one (app-logger.ts); this file stays free of it so code that only needs the type loads nothing.
 */
export interface Logger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Plain stderr, for code that runs before a shell has made its logger. */
export const consoleLogger: Logger = {
  info: (...a) => console.error('[buzzchat]', ...a),
  warn: (...a) => console.error('[buzzchat] warn:', ...a),
  error: (...a) => console.error('[buzzchat] error:', ...a),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
