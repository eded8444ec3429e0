import express, { type NextFunction, type Request, type Response } from 'express';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ApiError } from './errors.js';
import { parseOrThrow } from './parse.js';
import { isStorageFailure, storageApiError } from './storage-errors.js';
import { hostGuard, originGuard } from './guards.js';
import { answerClientError } from './client-error.js';
import { checkQuery, isPagePath, methodNotAllowed, methodsByPath } from './request-shape.js';
import { MessageReply, type RouteDef, type UpgradeRoute } from './route.js';
import type { Scope } from '../../shared/scopes.js';
import type { KeyGate, Principal, RateState } from './principal.js';
import type { Logger } from '../kernel/logger.js';

export const API_BASES = ['/api/v1', '/v1'] as const;
const BODY_LIMIT = '256kb';

/** A WebSocket endpoint: the server hands an HTTP `upgrade` for `path` (or below it) to `handler`. */

export interface ApiServerDeps {
  routes: RouteDef[];
  /** Authentication, rate limit and scope check in one call (the apikeys domain). */
  gate: KeyGate;
  logger: Logger;
  /** Built renderer (index.html + assets), served at `/` when present. */
  rendererDir?: string;
  /** Extra express routers mounted before the API (practice stream pages, SSE). */
  mounts?: { path: string; handler: express.RequestHandler }[];
  /** WebSocket endpoints by path (the practice socket); any other upgrade is refused. */
  upgrades?: UpgradeRoute[];
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

export { parseOrThrow } from './parse.js';

function presentedKey(req: Request, res: Response): string | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m) throw new ApiError('INVALID_API_KEY', 'Authorization header must be `Bearer YOUR_API_KEY`');
    return m[1];
  }
  const q = req.query.api_key;
  if (typeof q === 'string' && q.length > 0) {
    res.setHeader('Deprecation', 'true');
    res.setHeader('Warning', '299 - "api_key in the query string is deprecated; send Authorization: Bearer"');
    return q;
  }
  return undefined;
}

export class ApiServer {
  readonly app = express();
  private server: http.Server | null = null;
  private port = 0;
  /** Responses not yet finished, so stopping can wait for them. */
  private inFlight = new Set<http.ServerResponse>();
  private closed: Promise<void> | null = null;

  constructor(private deps: ApiServerDeps) {
    const app = this.app;
    app.disable('x-powered-by');
    app.set('etag', false);
    app.set('query parser', 'simple');
    app.use(hostGuard(() => this.port));
    app.use(originGuard(() => this.port));
    app.use((_req, res, next) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'no-store');
      next();
    });
    for (const m of deps.mounts ?? []) app.use(m.path, m.handler);
    const api = express.Router();
    for (const r of deps.routes) this.register(api, r);
    // A known path asked with a method it lacks is a 405 naming the methods it has (OPTIONS lists them).
    for (const [routePath, allow] of methodsByPath(deps.routes)) {
      api.all(routePath, (req, res, next) => {
        this.countCaller(req, res);
        res.setHeader('Allow', allow.join(', '));
        if (req.method === 'OPTIONS') return void res.status(204).end();
        next(methodNotAllowed(req.method, req.originalUrl.split('?')[0]!, allow));
      });
    }
    // A mistyped path is counted too: a key's against the key (a bad key gets its 401), others per client.
    api.use((req, res, next) => {
      this.countCaller(req, res);
      next(new ApiError('NOT_FOUND', `No route for ${req.method} ${req.originalUrl.split('?')[0]}`));
    });
    for (const base of API_BASES) app.use(base, api);
    this.mountRenderer();
    app.use((req: Request, _res: Response, next: NextFunction) => next(new ApiError('NOT_FOUND', `No route for ${req.method} ${req.path}`)));
    app.use(this.errorHandler);
  }

  private register(router: express.Router, def: RouteDef): void {
    const needsBody = def.method !== 'get' && def.method !== 'delete';
    // Authentication and the rate limit come before the body is read, so a malformed, oversize or mistyped
    // body from an unknown caller is a 401, and from a known one is counted and carries the rate-limit headers.
    // Public routes (health, the OpenAPI document) are counted per client, whatever key comes with them.
    const auth = (req: Request, res: Response, next: NextFunction) => {
      req.principal = this.authenticate(req, res, def.scope === null ? 'public' : (def.scope as Scope | readonly Scope[])) ?? undefined;
      next();
    };
    router[def.method](def.path, auth, jsonBody, async (req: Request, res: Response) => {
      const principal: Principal | null = req.principal ?? null;
      const { api_key: _ignored, ...rawQuery } = req.query as Record<string, unknown>;
      checkQuery(rawQuery, def.query !== undefined);
      const query = def.query ? parseOrThrow(def.query, rawQuery, 'query') : rawQuery;
      const params = def.params ? parseOrThrow(def.params, req.params, 'path') : req.params;
      let body: unknown = undefined;
      if (def.body) {
        const raw = needsBody && req.body !== undefined ? req.body : {};
        body = parseOrThrow(def.body, raw, 'body');
      }
      const out = await def.handler({ req, res, principal, query, body, params });
      if (res.headersSent) return;
      res.status(def.status ?? 200);
      if (out instanceof MessageReply) {
        res.json(out.data === undefined ? { success: true, message: out.message } : { success: true, message: out.message, data: out.data });
      } else {
        res.json({ success: true, data: out ?? null });
      }
    });
  }

  /**
   * Resolves the caller, counts the request (against its key, or its client address when it has no usable key)
   * and sets the rate-limit headers; throws on refusal, a spent allowance before a bad key.
   */
  private authenticate(req: Request, res: Response, scope: Scope | readonly Scope[] | null | 'public'): Principal | null {
    const client = req.socket.remoteAddress ?? 'unknown';
    let presented: string | undefined;
    if (scope !== 'public') {
      try {
        presented = presentedKey(req, res);
      } catch (err) {
        // A malformed Authorization header is a refused key: counted per client.
        applyRate(res, this.deps.gate.admit(undefined, 'public', client).rate);
        throw err;
      }
    }
    const { principal, rate, refusal } = this.deps.gate.admit(presented, scope, client);
    applyRate(res, rate);
    if (refusal) throw refusal;
    return principal;
  }

  /** Counts a request no route took: against the key it presents (a bad one is a 401), else per client. */
  private countCaller(req: Request, res: Response): void {
    const hasKey = req.headers.authorization !== undefined || req.query.api_key !== undefined;
    this.authenticate(req, res, hasKey ? null : 'public');
  }

  private mountRenderer(): void {
    const dir = this.deps.rendererDir;
    if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) return;
    const csp =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    this.app.use((_req, res, next) => {
      res.setHeader('Content-Security-Policy', csp);
      res.setHeader('X-Frame-Options', 'DENY');
      next();
    });
    this.app.use(express.static(dir, { index: 'index.html', etag: false }));
    // Client-side routes get the dashboard; a missing file (`/openapi.json`, `/favicon.ico`) or API path a 404.
    this.app.use((req, res, next) => {
      if ((req.method === 'GET' || req.method === 'HEAD') && isPagePath(req.path)) return res.sendFile(path.join(dir, 'index.html'));
      next();
    });
  }

  private errorHandler = (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let apiErr: ApiError;
    if (err instanceof ApiError) apiErr = err;
    else if (isBodyError(err, 'entity.too.large')) apiErr = new ApiError('PAYLOAD_TOO_LARGE', `Request body exceeds ${BODY_LIMIT}`);
    else if (isBodyError(err, 'entity.parse.failed')) apiErr = new ApiError('VALIDATION_ERROR', 'Malformed JSON in request body');
    else if (isBodyError(err, 'encoding.unsupported') || isBodyError(err, 'charset.unsupported'))
      apiErr = new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Request body must be UTF-8 JSON');
    else if (err instanceof URIError && clientStatus(err) === 400)
      apiErr = new ApiError('VALIDATION_ERROR', 'Malformed percent-encoding in the URL path');
    else if (clientStatus(err) === 400)
      // body-parser's other 400s: a body that does not match its Content-Encoding, or ended early.
      apiErr = new ApiError('VALIDATION_ERROR', 'Request body could not be read (check Content-Encoding and Content-Length)');
    else if (isStorageFailure(err)) apiErr = storageApiError(err, this.deps.logger, `${req.method} ${req.originalUrl.split('?')[0]}`);
    else {
      this.deps.logger.error(`Unhandled error on ${req.method} ${req.originalUrl}:`, err);
      apiErr = new ApiError('INTERNAL_ERROR');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    // RFC 6750: a 401 names the scheme the caller should use.
    if (apiErr.code === 'INVALID_API_KEY') res.setHeader('WWW-Authenticate', 'Bearer realm="BuzzChat API"');
    const allow = apiErr.code === 'METHOD_NOT_ALLOWED' ? (apiErr.details as { allow?: string[] } | undefined)?.allow : undefined;
    if (allow) res.setHeader('Allow', allow.join(', '));
    res.status(apiErr.status).json({ success: false, error: { code: apiErr.code, message: apiErr.message, ...(allow ? { allow } : {}) } });
  };

  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = http.createServer(this.app);
      server.keepAliveTimeout = 65_000;
      server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
        this.inFlight.add(res);
        res.once('close', () => this.inFlight.delete(res));
      });
      server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
      server.on('clientError', answerClientError);
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        this.server = server;
        this.port = (server.address() as AddressInfo).port;
        resolve(this.port);
      });
    });
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const pathname = (req.url ?? '/').split('?')[0]!;
    const route = this.deps.upgrades?.find((u) => pathname === u.path || pathname.startsWith(`${u.path}/`));
    if (!route) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    route.handler(req, socket, head);
  }

  /**
   * Stops accepting connections and closes idle ones, then waits (at most `graceMs`) until every request in
   * flight has been answered (a webhook test, a chat connect), so the app can stop the modules they use.
   * Event streams never finish by themselves: they are not waited for; their owners end them on stop.
   */
  async drain(graceMs = CLOSE_GRACE_MS): Promise<void> {
    const server = this.server;
    if (!server || this.closed) return;
    this.closed = new Promise((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = Date.now() + graceMs;
    const busy = () => [...this.inFlight].some((res) => !String(res.getHeader('content-type') ?? '').startsWith('text/event-stream'));
    while (busy() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }

  /** Closes every connection left (after drain: the streams) and waits for the server to close. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    this.closed ??= new Promise((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await this.closed;
  }
}

/** How long requests in flight may take to finish when the app stops. */
const CLOSE_GRACE_MS = 5000;

// strict: false lets `null` or `"text"` through to the route schema, which names what it expected.
const jsonParser = express.json({ limit: BODY_LIMIT, type: () => true, strict: false });

/**
 * Bodies are JSON. A JSON body is read whatever its Content-Type (`curl -d` sends form-urlencoded), but one
 * that does not parse is a 415 when it was declared as something else, and a 400 when declared as JSON.
 */
function jsonBody(req: Request, res: Response, next: NextFunction): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
  if (!hasBody) return next();
  const type = req.headers['content-type'];
  const media = type?.split(';')[0]!.trim().toLowerCase();
  const declaredOther = media !== undefined && media !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(media);
  jsonParser(req, res, (err?: unknown) => {
    if (err && declaredOther && isBodyError(err, 'entity.parse.failed')) {
      return next(new ApiError('UNSUPPORTED_MEDIA_TYPE', `Request body must be JSON sent with Content-Type: application/json (got "${type}")`));
    }
    next(err);
  });
}

/** Sets the X-RateLimit-* headers of the allowance a request was counted against; a spent one is a 429. */
function applyRate(res: Response, rate: RateState | null): void {
  if (!rate) return;
  res.setHeader('X-RateLimit-Limit', String(rate.limit));
  res.setHeader('X-RateLimit-Remaining', String(rate.remaining));
  res.setHeader('X-RateLimit-Reset', String(rate.reset));
  if (!rate.allowed) {
    res.setHeader('Retry-After', String(rate.retryAfterSeconds));
    throw new ApiError('RATE_LIMIT_EXCEEDED', `Rate limit of ${rate.limit} requests exceeded; retry after ${rate.retryAfterSeconds}s`);
  }
}

/** The status an http-errors style error (router, body-parser) assigns, when it blames the client. */
function clientStatus(err: unknown): number | undefined {
  const status = typeof err === 'object' && err !== null ? (err as { status?: unknown }).status : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function isBodyError(err: unknown, type: string): boolean {
  return typeof err === 'object' && err !== null && (err as { type?: string }).type === type;
}
