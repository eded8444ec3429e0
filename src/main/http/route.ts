import type { RequestHandler, Request, Response } from 'express';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { z } from 'zod';
import type { AnyOperation, Operation } from '../../shared/contract/op.js';
import type { Principal } from './principal.js';

export { accountQuery } from '../../shared/contract/op.js';

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

type Out<S> = [NonNullable<S>] extends [z.ZodType] ? z.output<NonNullable<S>> : undefined;
/** What a handler may return for an operation: its response data (before defaults); anything for raw answers. */
type Result<O extends AnyOperation> = [NonNullable<O['response']>] extends [z.ZodUndefined]
  ? unknown
  : [NonNullable<O['response']>] extends [z.ZodType]
    ? z.input<NonNullable<O['response']>> | MessageReply
    : unknown;

export type Handler<O extends AnyOperation> = (
  ctx: RouteContext<Out<O['query']>, Out<O['body']>, Out<O['params']>>,
) => Result<O> | Promise<Result<O>>;

/** An operation of the contract with the handler that serves it. */
export interface RouteDef extends Operation {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: (ctx: RouteContext<any, any, any>) => unknown;
}

/**
 * Binds a handler to every operation of a contract group, in the group's order (the router matches in that
 * order: `/webhooks/config` before `/webhooks/:id`). The compiler checks each handler against its operation.
 */
export function implement<Api extends Record<string, AnyOperation>>(api: Api, handlers: { [K in keyof Api]: Handler<Api[K]> }): RouteDef[] {
  return Object.keys(api).map((k) => ({ ...api[k]!, handler: handlers[k] as RouteDef['handler'] }));
}

/** A route that is not (yet) part of the shared contract: an operation and its handler in one. */
export function route<Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined>(
  def: Omit<Operation<Q, B, P>, 'scope'> & { scope: Operation['scope'] | string | readonly string[] } & {
    handler: (ctx: RouteContext<z.infer<Q>, z.infer<B>, z.infer<P>>) => unknown;
  },
): RouteDef {
  return def as unknown as RouteDef;
}

/** A non-API HTTP handler mounted at a path (the practice stream's pages). */
export interface Mount {
  path: string;
  handler: RequestHandler;
}

/** A WebSocket endpoint: the server hands an HTTP `upgrade` whose path is `path` (or below it) to `handler`. */
export interface UpgradeRoute {
  path: string;
  handler: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;
}
