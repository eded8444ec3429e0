import crypto from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';
import { silentLogger, type Logger } from '../../kernel/logger.js';
import { LogThrottle } from '../../kernel/log-throttle.js';
import { errorCode, failureKind } from '../../kernel/storage-error.js';
import { ApiError, notFound } from '../../http/errors.js';
import { newId } from '../../kernel/ids.js';
import type { ApiKeyStore, ApiKeyRow } from './store.js';
import type { Principal } from '../../http/principal.js';
import type { ApiKeyView, Scope } from './schema.js';

export const KEY_PREFIX = 'bz_live_';
const TOUCH_EVERY_MS = 1000;

export function hashKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

function toView(row: ApiKeyRow): ApiKeyView {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: JSON.parse(row.scopes) as Scope[] | null,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  };
}

export class ApiKeyService {
  private lastTouched = new Map<string, number>();
  private touchFailures = new LogThrottle();
  /** Per-launch token for the dashboard (Electron preload or the headless URL); never stored. */
  readonly sessionToken = `bz_session_${crypto.randomBytes(32).toString('base64url')}`;
  private sessionHash = crypto.createHash('sha256').update(this.sessionToken).digest();

  constructor(
    private store: ApiKeyStore,
    private clock: Clock,
    private logger: Logger = silentLogger,
  ) {}

  /** Creates a key and returns it in clear text; this is the only time it exists outside the caller. */
  create(name: string, scopes: Scope[] | null = null): { key: string; apiKey: ApiKeyView } {
    const key = KEY_PREFIX + crypto.randomBytes(32).toString('base64url');
    const id = newId('key', 12);
    this.store.insert({
      id,
      name,
      prefix: key.slice(0, KEY_PREFIX.length + 6),
      hash: hashKey(key),
      scopes: scopes && scopes.length > 0 ? [...new Set(scopes)] : null,
      createdAt: this.clock.now(),
    });
    return { key, apiKey: toView(this.store.byId(id)!) };
  }

  list(): ApiKeyView[] {
    return this.store.list().map(toView);
  }

  revoke(id: string): ApiKeyView {
    const row = this.store.byId(id);
    if (!row) throw notFound('API key');
    this.store.revoke(id, this.clock.now());
    return toView(this.store.byId(id)!);
  }

  /** Resolves a presented secret to a principal, or throws INVALID_API_KEY. */
  authenticate(presented: string | undefined): Principal {
    if (!presented) throw new ApiError('INVALID_API_KEY', 'An API key is required: send `Authorization: Bearer YOUR_API_KEY`');
    if (presented.startsWith('bz_session_')) {
      const h = crypto.createHash('sha256').update(presented).digest();
      if (crypto.timingSafeEqual(h, this.sessionHash)) return { kind: 'session', scopes: null };
      throw new ApiError('INVALID_API_KEY');
    }
    const hash = hashKey(presented);
    const row = this.store.byHash(hash);
    // The lookup is by a hash of the secret; the explicit compare keeps the check constant-time all the same.
    if (!row || !crypto.timingSafeEqual(Buffer.from(row.hash, 'hex'), Buffer.from(hash, 'hex')) || row.revoked_at !== null) {
      throw new ApiError('INVALID_API_KEY');
    }
    const now = this.clock.now();
    if (now - (this.lastTouched.get(row.id) ?? 0) >= TOUCH_EVERY_MS) {
      this.lastTouched.set(row.id, now);
      this.touch(row.id, now);
    }
    return { kind: 'key', keyId: row.id, name: row.name, scopes: JSON.parse(row.scopes) as Scope[] | null };
  }

  /**
   * Last-used time is bookkeeping: a disk that is full or read-only must not turn every read made with a key
   * into a 507/503. The failure is logged (once a minute per kind) and the request goes on.
   */
  private touch(id: string, now: number): void {
    try {
      this.store.touch(id, now);
    } catch (err) {
      const kind = failureKind(err);
      if (kind !== 'full' && kind !== 'read-only' && kind !== 'permission') throw err;
      const held = this.touchFailures.pass(kind);
      if (held !== null) {
        const more = held > 0 ? ` (${held} more since the last line like this)` : '';
        this.logger.warn(`API key last-used time not saved (${errorCode(err) ?? kind}); requests go on${more}`);
      }
    }
  }
}

/** `scope` is one scope, or several of which any one will do (e.g. a message's status: read, or the sender's). */
export function requireScope(principal: Principal, scope: Scope | readonly Scope[]): void {
  const granted = principal.scopes;
  if (granted === null) return;
  const anyOf = typeof scope === 'string' ? [scope] : scope;
  if (!anyOf.some((s) => granted.includes(s))) {
    throw new ApiError('INSUFFICIENT_SCOPE', `This API key lacks the ${anyOf.map((s) => `\`${s}\``).join(' or ')} scope`);
  }
}
