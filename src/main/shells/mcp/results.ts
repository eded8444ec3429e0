import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { AnyOperation } from '../../../shared/contract/op.js';
import { BuzzChatError } from './client.js';
import type { Logger } from '../../kernel/logger.js';

/**
 * Tool results: a short human sentence first, then the same data as JSON text (for clients that ignore
 * structuredContent, as the MCP spec recommends), and the data itself as structuredContent.
 */
export function ok(summary: string, data: object): CallToolResult {
  return {
    content: [
      { type: 'text', text: summary },
      { type: 'text', text: JSON.stringify(data, null, 2) },
    ],
    structuredContent: data as Record<string, unknown>,
  };
}

/**
 * Errors are tool results the model can read and act on (`isError: true`), never protocol errors, so one
 * failing call does not end the assistant's turn. No structuredContent: it would not match the outputSchema.
 */
export function failure(err: unknown): CallToolResult {
  const e = err instanceof BuzzChatError ? err : new BuzzChatError('INTERNAL_ERROR', 0, err instanceof Error ? err.message : String(err));
  return { content: [{ type: 'text', text: `${e.code}: ${e.message}` }], isError: true };
}

/** Wraps a handler so that any rejection becomes a failure() result; unexpected ones are logged to stderr. */
export function guarded<A>(logger: Logger, name: string, handler: (args: A) => Promise<CallToolResult>) {
  return async (args: A): Promise<CallToolResult> => {
    try {
      return await handler(args);
    } catch (err) {
      if (!(err instanceof BuzzChatError)) logger.error(`${name} failed:`, err);
      return failure(err);
    }
  };
}

/**
 * A tool's output schema is the API answer it passes on: the operation's response schema from the shared contract
 * (portable-schema.ts keeps the listed JSON Schema open to fields a newer core adds).
 */
export function responseOf<O extends AnyOperation>(operation: O): NonNullable<O['response']> {
  if (!operation.response) throw new Error(`${operation.method.toUpperCase()} ${operation.path} has no response schema`);
  return operation.response;
}

/** `account` on every account-scoped tool, described once. */
export const accountArg = z
  .string()
  .min(1)
  .max(64)
  .optional()
  .describe('Account id (acc_…) to act on; defaults to the active account. See buzzchat_list_accounts.');

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
