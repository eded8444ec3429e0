import path from 'node:path';
import { openDatabase, DB_FILE_NAME } from '../../kernel/db/database.js';
import { ApiKeyService } from '../../domains/apikeys/service.js';
import { ApiKeyStore } from '../../domains/apikeys/store.js';
import { SCOPES, type Scope } from '../../domains/apikeys/schema.js';
import { systemClock } from '../../kernel/clock.js';
import { dataDirOf, line, UsageError, type CliContext } from './context.js';

export interface KeysOptions {
  dataDir?: string;
}

function withService<T>(o: KeysOptions, ctx: CliContext, f: (service: ApiKeyService) => T): T {
  const db = openDatabase(path.join(dataDirOf(o.dataDir, ctx.env), DB_FILE_NAME));
  try {
    return f(new ApiKeyService(new ApiKeyStore(db), systemClock));
  } finally {
    db.close();
  }
}

export function parseScopes(raw: string | undefined): Scope[] | null {
  if (raw === undefined) return null;
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // An empty list (say an unset shell variable) must not quietly mean "every scope".
  if (list.length === 0) throw new UsageError('--scopes is empty; leave it out for a key with every scope');
  const bad = list.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (bad.length) throw new UsageError(`Unknown scope(s): ${bad.join(', ')}. Scopes: ${SCOPES.join(', ')}`);
  return list as Scope[];
}

export function keysCreate(o: KeysOptions & { name: string; scopes?: string }, ctx: CliContext): number {
  const name = o.name.trim();
  if (!name) throw new UsageError('keys create needs --name NAME');
  if (name.length > 100) throw new UsageError('--name must be at most 100 characters');
  const scopes = parseScopes(o.scopes);
  const say = line(ctx);
  return withService(o, ctx, (service) => {
    const { key, apiKey } = service.create(name, scopes);
    say(`Created API key ${apiKey.id} "${apiKey.name}" with scopes: ${apiKey.scopes?.join(', ') ?? 'all'}`);
    say('Copy it now: it is shown only once.');
    // Alone on the last line, for scripts.
    say(key);
    return 0;
  });
}

export function keysList(o: KeysOptions, ctx: CliContext): number {
  const say = line(ctx);
  return withService(o, ctx, (service) => {
    const list = service.list();
    if (list.length === 0) say('No API keys. Create one with: buzzchat keys create --name NAME');
    for (const k of list) {
      const state = k.revokedAt ? `revoked ${k.revokedAt}` : `last used ${k.lastUsedAt ?? 'never'}`;
      say(`${k.id}  ${k.prefix}…  ${k.name}  scopes=${k.scopes?.join(',') ?? 'all'}  created ${k.createdAt}  ${state}`);
    }
    return 0;
  });
}

export function keysRevoke(id: string, o: KeysOptions, ctx: CliContext): number {
  const say = line(ctx);
  return withService(o, ctx, (service) => {
    const before = service.list().find((k) => k.id === id);
    if (!before) {
      ctx.stderr(`buzzchat: no API key with id ${id} (see buzzchat keys list)\n`);
      return 1;
    }
    if (before.revokedAt) {
      say(`${id} was already revoked at ${before.revokedAt}`);
      return 0;
    }
    service.revoke(id);
    say(`Revoked ${id} "${before.name}": requests with it are refused from now on`);
    return 0;
  });
}
