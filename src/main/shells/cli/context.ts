import path from 'node:path';
import { defaultDataDir } from '../../kernel/datadir.js';

/** Where a CLI run reads its environment and writes its output; injected so tests run commands in-process. */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** `serve` shuts down when this resolves (with the reason to print); default: SIGINT or SIGTERM. */
  stop?: Promise<string>;
}

export const processContext = (): CliContext => ({
  env: process.env,
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
});

/** A mistake in how the command was called: exit code 2, with a pointer to the command's help. */
export class UsageError extends Error {}

export function parsePort(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`Invalid port "${raw}": use a number from 0 to 65535`);
  return n;
}

export function dataDirOf(option: string | undefined, env: NodeJS.ProcessEnv): string {
  return option ? path.resolve(option) : defaultDataDir(env);
}

export const line = (ctx: CliContext) => (text: string) => ctx.stdout(`${text}\n`);
