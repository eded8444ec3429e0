import type { Clock } from '../../kernel/clock.js';
import { ApiError, notFound } from '../../http/errors.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import { newId } from '../../kernel/ids.js';
import type { AccountStore } from './store.js';
import type { Account, Platform } from './schema.js';

export class AccountService {
  constructor(
    private store: AccountStore,
    private clock: Clock,
    private events: EventPublisher,
  ) {}

  /** Makes sure one account exists and is active (first launch). */
  ensureDefault(): Account {
    const active = this.store.active();
    if (active) return active;
    const first = this.store.list()[0] ?? this.create({ name: 'Main Store', platform: 'whatnot', url: null });
    this.store.setActive(first.id);
    return this.store.byId(first.id)!;
  }

  list(): Account[] {
    return this.store.list();
  }

  get(id: string): Account {
    const a = this.store.byId(id);
    if (!a) throw notFound(`Account ${id}`);
    return a;
  }

  active(): Account {
    return this.store.active() ?? this.ensureDefault();
  }

  /** The account a request is about: the named one, or the active one. */
  resolve(id: string | undefined): Account {
    return id === undefined ? this.active() : this.get(id);
  }

  create(input: { name: string; platform: Platform; url?: string | null }): Account {
    const id = newId('acc', 10);
    this.store.insert({ id, name: input.name, platform: input.platform, url: input.url ?? null, createdAt: this.clock.now() });
    return this.store.byId(id)!;
  }

  update(id: string, patch: { name?: string; platform?: Platform; url?: string | null }): Account {
    const a = this.get(id);
    this.store.update({ id, name: patch.name ?? a.name, platform: patch.platform ?? a.platform, url: patch.url === undefined ? a.url : patch.url });
    return this.get(id);
  }

  delete(id: string): void {
    const a = this.get(id);
    if (a.isActive) throw new ApiError('CONFLICT', 'The active account cannot be deleted; switch to another account first');
    this.store.delete(id);
  }

  switchTo(id: string): Account {
    const target = this.get(id);
    const previous = this.store.active();
    if (previous?.id === id) return target;
    this.store.setActive(id);
    this.events.emit('accounts.switched', id, { accountId: id, previousAccountId: previous?.id ?? null });
    return this.get(id);
  }
}
