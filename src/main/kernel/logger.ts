/** Minimal leveled logger handed to services; the CLI prints to stderr, tests stay quiet. */
export interface Logger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export const consoleLogger: Logger = {
  info: (...a) => console.error('[buzzchat]', ...a),
  warn: (...a) => console.error('[buzzchat] warn:', ...a),
  error: (...a) => console.error('[buzzchat] error:', ...a),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
