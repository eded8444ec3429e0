import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Principal } from '../domains/apikeys/schema.js';

/** Where a route's account-scoped state lives: `?account=` or else the active account. */
export interface RouteContext<Q, B, P> {
  req: Request;
  res: Response;
  principal: Principal | null;
  query: Q;
  body: B;
  params: P;
}

/** A reply whose envelope carries a top-level `message` (the reference's DELETE /giveaway/entries). */
export class MessageReply {
  constructor(
    readonly message: string,
    readonly data?: unknown,
  ) {}
}

export interface RouteDef<Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, P extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'patch' | 'delete' | 'put';
  /** Express-style path below the base (/api/v1 or /v1), e.g. `/webhooks/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** null = no authentication (health, openapi); several = any one of them will do. */
  scope: string | readonly string[] | null;
  query?: Q;
  body?: B;
  params?: P;
  /** Documented request body when `body` is looser than the real contract (validated in the service). */
  bodyDoc?: z.ZodType;
  /** Schema of `data` in the success envelope; documentation only. */
  response?: z.ZodType;
  status?: number;
  handler: (ctx: RouteContext<z.infer<Q>, z.infer<B>, z.infer<P>>) => unknown | Promise<unknown>;
}

/** Identity helper that keeps the handler's parameter types tied to the route's schemas. */
export function route<Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined>(
  def: RouteDef<Q, B, P>,
): RouteDef {
  return def as unknown as RouteDef;
}

/** Common query: which account an account-scoped call is about. */
export const accountQuery = z.object({
  account: z.string().min(1).max(64).optional().describe('Account id; defaults to the active account'),
});
