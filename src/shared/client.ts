import type { z } from 'zod';
import type { AnyOperation } from './contract/op.js';

/**
 * The one typed client of the /api/v1 REST API, derived from the contract's operations: the dashboard, the MCP
 * server and the tests call the API through it. Every failure becomes an ApiRequestError carrying a code: the
 * API's own (the envelope's), or a transport code (NOT_RUNNING, CONNECTION_FAILED, TIMEOUT, BAD_RESPONSE).
 */
export class ApiRequestError extends Error {
  readonly code: string;
  /** HTTP status, or 0 when no response came back. */
  readonly status: number;
  /** `path -> message` pulled from VALIDATION_ERROR messages ("Invalid body: faqRules.0.triggers: ..."). */
  readonly fieldErrors: Record<string, string>;

  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = 'ApiRequestError';
    this.code = code;
    this.status = status;
    this.fieldErrors = code === 'VALIDATION_ERROR' ? parseFieldErrors(message) : {};
  }
}

/** The server joins zod issues as `path: message; path: message` after an `Invalid <where>: ` prefix. */
export function parseFieldErrors(message: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body = message.replace(/^Invalid [a-z]+: /, '');
  for (const part of body.split('; ')) {
    const m = /^([A-Za-z_][\w]*(?:\.[\w]+)*): (.+)$/s.exec(part);
    if (m && !(m[1]! in out)) out[m[1]!] = m[2]!;
  }
  return out;
}

type Schema<S> = [NonNullable<S>] extends [z.ZodUndefined] ? undefined : [NonNullable<S>] extends [z.ZodType] ? NonNullable<S> : undefined;
type In<S> = Schema<S> extends z.ZodType ? z.input<Schema<S>> : undefined;

/** What a call of an operation takes: its path params, query and body, each only when it has them. */
export type CallArgs<O extends AnyOperation> = (In<O['params']> extends undefined ? unknown : { params: In<O['params']> }) &
  (In<O['query']> extends undefined ? unknown : { query?: In<O['query']> }) &
  (In<O['body']> extends undefined ? unknown : { body: In<O['body']> }) & { signal?: AbortSignal };

/** What a call resolves to: the envelope's `data` (with the server's defaults applied). */
export type CallResult<O extends AnyOperation> = Schema<O['response']> extends z.ZodType ? z.output<Schema<O['response']>> : unknown;

type Caller<O extends AnyOperation> =
  object extends CallArgs<O> ? (args?: CallArgs<O>) => Promise<CallResult<O>> : (args: CallArgs<O>) => Promise<CallResult<O>>;

export type TypedClient<A extends Record<string, Record<string, AnyOperation>>> = { [G in keyof A]: { [K in keyof A[G]]: Caller<A[G][K]> } };

export interface ClientOptions {
  /** '' = same origin (the dashboard in a browser). */
  baseUrl: string;
  /** An API key or the dashboard's session token. */
  token: string;
  fetch?: typeof fetch;
  /** Per-request limit; a hung app must not hang the caller. */
  timeoutMs?: number;
  /** Called on every 401, e.g. to show the "session expired" screen. */
  onUnauthorized?: (err: ApiRequestError) => void;
}

type Query = Record<string, unknown>;

export interface RawRequest {
  method: string;
  path: string;
  params?: Record<string, unknown>;
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

/** Builds the client for a contract (usually `api` from src/shared/contract). */
export function createClient<A extends Record<string, Record<string, AnyOperation>>>(contract: A, options: ClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  // Bound so a browser's window.fetch is not called with another `this`.
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 15_000;

  function url(path: string, query?: Query): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) qs.set(k, String(v));
    const q = qs.toString();
    return `${baseUrl}/api/v1${path}${q ? `?${q}` : ''}`;
  }

  async function request<T = unknown>(r: RawRequest): Promise<T> {
    const path = r.path.replace(/:([A-Za-z_]+)/g, (_m, name: string) => encodeURIComponent(String(r.params?.[name] ?? '')));
    const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, accept: 'application/json' };
    if (r.body !== undefined) headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(timeoutMs);
    let res: Response;
    try {
      res = await fetchImpl(url(path, r.query), {
        method: r.method.toUpperCase(),
        headers,
        body: r.body === undefined ? undefined : JSON.stringify(r.body),
        signal: r.signal ? AbortSignal.any([r.signal, timeout]) : timeout,
      });
    } catch (err) {
      // The caller's own abort is not a failure to report: let it through as it is.
      if (r.signal?.aborted) throw err;
      throw transportError(err, baseUrl, timeoutMs);
    }
    const text = await res.text().catch(() => '');
    let envelope: Envelope | undefined;
    try {
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      envelope = isEnvelope(parsed) ? parsed : undefined;
    } catch {
      envelope = undefined;
    }
    const where = `${r.method.toUpperCase()} ${path}`;
    if (!envelope) {
      throw new ApiRequestError(
        'BAD_RESPONSE',
        res.status,
        `${baseUrl || 'BuzzChat'} answered ${where} with HTTP ${res.status} but not a BuzzChat API response`,
      );
    }
    if (envelope.success !== true || !res.ok) {
      const e = envelope.error ?? {};
      const err = new ApiRequestError(
        String(e.code ?? `HTTP_${res.status}`),
        res.status,
        String(e.message ?? `Request failed with HTTP ${res.status}`),
      );
      if (res.status === 401) options.onUnauthorized?.(err);
      throw err;
    }
    // The reference's DELETE /giveaway/entries carries a top-level `message` beside `data`.
    return (envelope.data ?? (envelope.message !== undefined ? { message: envelope.message } : null)) as T;
  }

  const client = {} as Record<
    string,
    Record<string, (args?: { params?: Record<string, unknown>; query?: Query; body?: unknown; signal?: AbortSignal }) => Promise<unknown>>
  >;
  for (const [group, ops] of Object.entries(contract)) {
    const g: Record<string, (args?: { params?: Record<string, unknown>; query?: Query; body?: unknown; signal?: AbortSignal }) => Promise<unknown>> =
      {};
    for (const [name, op] of Object.entries(ops)) {
      g[name] = (args = {}) =>
        request({ method: op.method, path: op.path, params: args.params, query: args.query, body: args.body, signal: args.signal });
    }
    client[group] = g;
  }
  return Object.assign(client as unknown as TypedClient<A>, { request, url, baseUrl, token: options.token });
}

interface Envelope {
  success: boolean;
  data?: unknown;
  message?: unknown;
  error?: { code?: unknown; message?: unknown };
}

function isEnvelope(v: unknown): v is Envelope {
  return typeof v === 'object' && v !== null && typeof (v as Envelope).success === 'boolean';
}

function transportError(err: unknown, baseUrl: string, timeoutMs: number): ApiRequestError {
  const name = (err as { name?: string })?.name;
  const where = baseUrl || 'this address';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ApiRequestError('TIMEOUT', 0, `BuzzChat at ${where} did not answer within ${timeoutMs / 1000}s`);
  }
  const code = causeCode(err);
  // A browser's fetch says nothing about why it failed: the app is most likely not running.
  if (code === undefined) return new ApiRequestError('NOT_RUNNING', 0, 'BuzzChat is not reachable: is the app still running?');
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL') {
    return new ApiRequestError(
      'NOT_RUNNING',
      0,
      `BuzzChat is not running at ${where} (${code}). Start the BuzzChat app (or \`buzzchat serve\`), or set BUZZCHAT_URL to where it listens.`,
    );
  }
  const detail = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
  return new ApiRequestError('CONNECTION_FAILED', 0, `Could not reach BuzzChat at ${where}: ${detail}`);
}

/** undici wraps the socket error: `TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })`, sometimes nested. */
function causeCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined, i = 0; e && i < 5; i++) {
    if (typeof e.code === 'string' && e.code !== 'UND_ERR_SOCKET') return e.code;
    // AggregateError from happy-eyeballs (localhost resolving to ::1 and 127.0.0.1).
    if (Array.isArray(e.errors) && e.errors.length > 0) e = e.errors[0] as typeof e;
    else e = e.cause as typeof e;
  }
  return undefined;
}
