import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/**
 * Contract check: every answer the test suite receives from the API is validated against the OpenAPI document the
 * app serves (/api/v1/openapi.json): the operation is found by its path template, and the status, the envelope
 * and the rate-limit headers must be the ones declared for it. A mismatch throws, failing the test.
 */

type Json = Record<string, any>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

const BASES = ['/api/v1', '/v1'];
const BASE_ID = 'https://contract.buzzchat.test/openapi.json';
/** Codes the HTTP layer answers before any route is chosen: any path may get them (described in info). */
const ANY_ROUTE_CODES = new Set(['METHOD_NOT_ALLOWED', 'MALFORMED_REQUEST', 'REQUEST_TIMEOUT', 'URI_TOO_LONG', 'REQUEST_HEADER_TOO_LARGE']);
const RATE_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

export class ContractError extends Error {
  override name = 'ContractError';
}

const absolute = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('"#/components/', `"${BASE_ID}#/components/`));

export class Contract {
  private ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  private validators = new Map<string, ValidateFunction>();
  private templates: { template: string; regex: RegExp; params: number }[];

  constructor(readonly doc: Json) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: BASE_ID, components: absolute({ schemas: doc.components?.schemas ?? {} }) });
    this.templates = Object.keys(doc.paths)
      .map((template) => ({
        template,
        regex: new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+') + '$'),
        params: (template.match(/\{/g) ?? []).length,
      }))
      // A literal segment wins over a parameter (/webhooks/config before /webhooks/{id}), as in the router.
      .sort((a, b) => a.params - b.params);
  }

  private validator(key: string, schema: Json): ValidateFunction {
    let v = this.validators.get(key);
    if (!v) this.validators.set(key, (v = this.ajv.compile(absolute(schema))));
    return v;
  }

  /** Whether `value` matches a schema of the document (refs are to its components). */
  validate(schema: Json, value: unknown): boolean {
    return this.validator(`schema ${JSON.stringify(schema)}`, schema)(value) as boolean;
  }

  private deref<T extends Json>(obj: T): T {
    const ref = obj?.$ref as string | undefined;
    if (!ref) return obj;
    return ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((o: Json, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc) as T;
  }

  /** Throws a ContractError when the answer is not one the document declares for this request. */
  check(method: string, url: string, status: number, headers: Headers, body: unknown): void {
    const pathname = new URL(url, 'http://x').pathname;
    const base = BASES.find((b) => pathname === b || pathname.startsWith(b + '/'));
    if (!base || ['head', 'options'].includes(method.toLowerCase())) return;
    const apiPath = '/api/v1' + pathname.slice(base.length);
    const where = `${method.toUpperCase()} ${pathname} -> ${status}`;
    const template = this.templates.find((t) => t.regex.test(apiPath))?.template;
    const op = template ? this.doc.paths[template]?.[method.toLowerCase()] : undefined;
    if (!op) {
      // No operation: the router's 404 or 405, or a guard; always the error envelope.
      this.validateError(where, status, body, 'an answer outside the documented operations');
      return;
    }
    const declared = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`];
    if (!declared) {
      if (status >= 400)
        return this.validateError(where, status, body, `${template} (status ${status} not declared; only HTTP-layer codes may be)`, true);
      throw new ContractError(
        `${where}: status ${status} is not declared for ${method.toUpperCase()} ${template} (declared: ${Object.keys(op.responses).join(', ')})`,
      );
    }
    const response = this.deref(declared);
    const contentType = headers.get('content-type')?.split(';')[0]?.trim() ?? '';
    const media = Object.keys(response.content ?? {});
    if (media.length && !media.includes(contentType)) {
      throw new ContractError(`${where}: content-type "${contentType}" is not one of the declared ${media.join(', ')}`);
    }
    const sentRate = RATE_HEADERS.filter((h) => headers.has(h));
    const declaredHeaders = Object.keys(response.headers ?? {}).map((h) => h.toLowerCase());
    const undeclared = sentRate.filter((h) => !declaredHeaders.includes(h));
    if (undeclared.length) throw new ContractError(`${where}: sends ${undeclared.join(', ')} but ${template} does not declare them for ${status}`);
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return;
    const validate = this.validator(`${template} ${method} ${status}`, schema);
    if (!validate(body))
      throw new ContractError(`${where} does not match ${method.toUpperCase()} ${template} ${status}:\n${explain(validate, body)}`);
  }

  private validateError(where: string, status: number, body: unknown, what: string, httpLayerOnly = false): void {
    const validate = this.validator('Error', { $ref: '#/components/schemas/Error' });
    if (!validate(body)) throw new ContractError(`${where} (${what}) is not the error envelope:\n${explain(validate, body)}`);
    const code = (body as Json).error.code as string;
    if (httpLayerOnly && !ANY_ROUTE_CODES.has(code)) throw new ContractError(`${where}: ${code} is not declared for ${what}`);
    if (status < 400) throw new ContractError(`${where}: an error envelope with a success status`);
  }
}

function explain(validate: ValidateFunction, body: unknown): string {
  const errors = (validate.errors ?? []).slice(0, 8).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` '${String((e.params as Json).additionalProperty)}'` : '';
    return `  ${e.instancePath || '(body)'} ${e.message ?? e.keyword}${extra}`;
  });
  const shown = JSON.stringify(body);
  return `${errors.join('\n')}\n  body: ${shown === undefined ? 'undefined' : shown.slice(0, 600)}`;
}

const byOrigin = new Map<string, Promise<Contract | null>>();
const byText = new Map<string, Contract>();

/** The contract of the app at `origin` (its served document, compiled once per distinct document), or null when it serves none. */
export function contractOf(origin: string, fetchImpl: typeof fetch = realFetch): Promise<Contract | null> {
  let c = byOrigin.get(origin);
  if (!c) {
    c = (async () => {
      try {
        const res = await fetchImpl(`${origin}/api/v1/openapi.json`);
        // A BuzzChat app whose document fails to generate (a schema zod-openapi cannot render) must not turn the
        // check off silently: every API answer then fails with the reason.
        if (res.status >= 500) throw new ContractError(`${origin}/api/v1/openapi.json answered ${res.status}: ${await res.text()}`);
        if (!res.ok) return null;
        const text = await res.text();
        let contract = byText.get(text);
        if (!contract) byText.set(text, (contract = new Contract(JSON.parse(text) as Json)));
        return contract;
      } catch (err) {
        if (err instanceof ContractError) throw err;
        // Not a BuzzChat app (a webhook receiver), or one that has stopped meanwhile.
        byOrigin.delete(origin);
        return null;
      }
    })();
    byOrigin.set(origin, c);
  }
  return c;
}

/** The fetch of the platform, before any wrapper (the document itself is fetched with it). */
export const realFetch: typeof fetch = globalThis.fetch.bind(globalThis);

/** Validates one answer (throws ContractError on a mismatch); a no-op outside an API base. */
export async function checkResponse(method: string, url: string, status: number, headers: Headers, body: unknown): Promise<void> {
  const u = new URL(url);
  if (!BASES.some((b) => u.pathname === b || u.pathname.startsWith(b + '/'))) return;
  if (u.pathname.endsWith('/openapi.json') && status === 200) return;
  const contract = await contractOf(u.origin);
  contract?.check(method, url, status, headers, body);
}

/**
 * A fetch that checks every API answer against the contract before handing it back (the shared client takes it as
 * its `fetch`; tests/helpers/contract-setup.ts installs it as the global fetch). Event streams are not read.
 */
export function contractFetch(inner: typeof fetch = realFetch): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    const req = input instanceof Request ? input : null;
    const url = req?.url ?? String(input);
    const method = init?.method ?? req?.method ?? 'GET';
    const type = res.headers.get('content-type') ?? '';
    if (!/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url) || type.startsWith('text/event-stream')) return res;
    const text = await res.clone().text();
    let body: unknown = text;
    if (type.includes('json') && text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    await checkResponse(method, url, res.status, res.headers, text === '' ? undefined : body);
    return res;
  };
}
