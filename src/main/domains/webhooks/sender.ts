import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './address.js';

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseBody: string | null;
}

const RESPONSE_EXCERPT_BYTES = 1024;

/**
 * POSTs one delivery. Redirects are never followed (a 3xx is a failure: following one would let an endpoint
 * bounce us to an address we did not vet). Keep-alive agents carry the throughput; the per-host socket cap
 * equals the per-endpoint concurrency.
 */
export class WebhookHttpClient {
  private httpAgent!: http.Agent;
  private httpsAgent!: https.Agent;

  constructor(private maxSocketsPerHost: number) {
    this.createAgents();
  }

  private createAgents(): void {
    const opts = { keepAlive: true, maxSockets: this.maxSocketsPerHost, maxFreeSockets: this.maxSocketsPerHost, timeout: 60_000 };
    this.httpAgent = new http.Agent(opts);
    this.httpsAgent = new https.Agent(opts);
  }

  /**
   * New connections from now on, e.g. after allowPrivateNetworks was turned off (a pooled socket may point at
   * an address no longer allowed). Requests in flight finish on the old agents, which are then destroyed.
   */
  resetConnections(graceMs: number): void {
    const old = [this.httpAgent, this.httpsAgent];
    this.createAgents();
    setTimeout(() => old.forEach((a) => a.destroy()), graceMs).unref();
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  post(
    url: URL,
    targets: ResolvedAddress[],
    headers: Record<string, string>,
    body: string,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<AttemptResult> {
    return new Promise((resolve) => {
      const started = performance.now();
      const controller = new AbortController();
      let timedOut = false;
      let settled = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, options.timeoutMs);
      const onOuterAbort = () => controller.abort();
      options.signal?.addEventListener('abort', onOuterAbort, { once: true });
      const finish = (r: Omit<AttemptResult, 'latencyMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onOuterAbort);
        resolve({ ...r, latencyMs: Math.round(performance.now() - started) });
      };
      const failure = (err: unknown, statusCode: number | null = null) =>
        finish({
          ok: false,
          statusCode,
          responseBody: null,
          error: timedOut ? `Timed out after ${options.timeoutMs} ms` : options.signal?.aborted ? 'Aborted: shutting down' : describeError(err),
        });
      // Pin the connection to the vetted addresses. Node asks with all:true when autoSelectFamily is on and
      // then tries each in turn, so a name resolving to ::1 and 127.0.0.1 reaches a receiver on either.
      const lookup: LookupFunction = (_host, opts, cb) => {
        if ((opts as { all?: boolean }).all) (cb as (e: null, a: ResolvedAddress[]) => void)(null, targets);
        else cb(null, targets[0]!.address, targets[0]!.family);
      };
      let req: http.ClientRequest;
      try {
        req = (url.protocol === 'https:' ? https : http).request(
          url,
          {
            method: 'POST',
            headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
            agent: url.protocol === 'https:' ? this.httpsAgent : this.httpAgent,
            lookup,
            signal: controller.signal,
          },
          (res) => readResponse(res, finish, failure),
        );
      } catch (err) {
        failure(err);
        return;
      }
      req.on('error', (err) => failure(err));
      req.end(body);
    });
  }
}

/** Settles on the status and at most an excerpt of the body: the status decides, so a huge body is not awaited. */
function readResponse(
  res: http.IncomingMessage,
  finish: (r: Omit<AttemptResult, 'latencyMs'>) => void,
  failure: (err: unknown, statusCode: number | null) => void,
): void {
  const status = res.statusCode ?? 0;
  const chunks: Buffer[] = [];
  let size = 0;
  const done = () => {
    const ok = status >= 200 && status < 300;
    finish({
      ok,
      statusCode: status,
      responseBody: size > 0 ? Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8') : null,
      error: ok ? null : status >= 300 && status < 400 ? `Redirect (HTTP ${status}) not followed` : `HTTP ${status}`,
    });
  };
  res.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size > RESPONSE_EXCERPT_BYTES) {
      done();
      res.destroy();
    }
  });
  res.on('end', done);
  res.on('error', (err) => failure(err, status));
  res.on('close', () => failure(new Error('Connection closed before the response ended'), status));
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
