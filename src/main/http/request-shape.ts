import { ApiError } from './errors.js';
import type { RouteDef } from './route.js';

/**
 * Rules about the shape of a request that hold on every route, whatever its schemas: which methods a path
 * has (405 with Allow), which query parameters it takes, and which paths the dashboard's pages own.
 */

/** Each route path with the methods it answers, in the order the router matches them. */
export function methodsByPath(routes: readonly RouteDef[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of routes) {
    const methods = out.get(r.path) ?? [];
    const m = r.method.toUpperCase();
    if (!methods.includes(m)) methods.push(m);
    // Express answers HEAD with the GET route.
    if (m === 'GET' && !methods.includes('HEAD')) methods.push('HEAD');
    out.set(r.path, methods);
  }
  for (const methods of out.values()) methods.push('OPTIONS');
  return out;
}

export function methodNotAllowed(method: string, pathname: string, allow: readonly string[]): ApiError {
  return new ApiError('METHOD_NOT_ALLOWED', `${method} is not allowed on ${pathname}; allowed: ${allow.join(', ')}`, { allow });
}

/**
 * Query parameters are validated like bodies: an empty value (`?offset=`) is refused rather than read as 0 or
 * "no filter", and a route without a query schema takes no parameters at all (`api_key` is taken off before).
 */
export function checkQuery(query: Record<string, unknown>, takesQuery: boolean): void {
  const names = Object.keys(query);
  if (!takesQuery && names.length > 0) {
    throw new ApiError(
      'VALIDATION_ERROR',
      `Invalid query: unknown parameter${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')} (this route takes none)`,
    );
  }
  const empty = names.filter((n) => query[n] === '' || (Array.isArray(query[n]) && (query[n] as unknown[]).includes('')));
  if (empty.length > 0) throw new ApiError('VALIDATION_ERROR', `Invalid query: ${empty.map((n) => `${n}: must not be empty`).join('; ')}`);
}

/** Prefixes that are never dashboard pages: a miss there is a 404 envelope, not index.html. */
const NOT_PAGES = ['/api', '/v1', '/overlays', '/practice/api'];

/** A path the single-page dashboard may own: not under an API or asset prefix, and no file extension. */
export function isPagePath(pathname: string): boolean {
  if (NOT_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) return false;
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return !last.includes('.');
}
