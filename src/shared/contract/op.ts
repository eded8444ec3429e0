import { z } from 'zod';
import type { ErrorCode } from '../errors.js';
import type { Scope } from '../scopes.js';

/**
 * One operation of the REST API as data: method, path, schemas, scope. The server binds a handler to it, the
 * OpenAPI document is generated from it, and the typed client calls it: one definition for all three.
 */
export interface Operation<
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: 'get' | 'post' | 'patch' | 'delete' | 'put';
  /** Express-style path below the base (/api/v1 or /v1), e.g. `/webhooks/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** null = no authentication (health, openapi); several = any one of them will do. */
  scope: Scope | readonly Scope[] | null;
  query?: Q;
  body?: B;
  params?: P;
  /** Documented request body when `body` is looser than the real contract (validated in the service). */
  bodyDoc?: z.ZodType;
  /** Schema of `data` in the success envelope. */
  response?: R;
  status?: number;
  /** The success envelope also carries a top-level `message` (the reference's DELETE /giveaway/entries). */
  withMessage?: boolean;
  /** The answer is not a JSON envelope (event stream, HTML page, a JSON or YAML document, a script). */
  raw?: 'event-stream' | 'html' | 'document' | 'yaml' | 'script';
  /**
   * Error codes the operation's service or handler throws beyond those its shape implies (the OpenAPI document
   * derives auth, validation, 404 for ids and `account`, body size and type, storage failures by itself).
   */
  errors?: readonly ErrorCode[];
}

type Undef = z.ZodUndefined;

/** Identity helper that keeps each schema's type (undefined ones become ZodUndefined). */
export function op<Q extends z.ZodType = Undef, B extends z.ZodType = Undef, P extends z.ZodType = Undef, R extends z.ZodType = Undef>(
  def: Operation<Q, B, P, R>,
): Operation<Q, B, P, R> {
  return def;
}

/** Common query: which account an account-scoped call is about. */
export const accountQuery = z.object({
  account: z.string().min(1).max(64).optional().describe('Account id; defaults to the active account'),
});

/** Any operation, whatever its schemas. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any, any, any, any>;
