import crypto from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';
import { livestreamPayload, user, type JsonObject, type ShowSnapshot } from './phoenix.js';
import type { PracticeMessage, ShowEventName } from './schema.js';
import type { PracticeStream } from './stream.js';

const PEOPLE = ['slabhunter', 'pokefan', 'vintagevibes', 'thriftqueen', 'coinnerd', 'rippack', 'grailseeker', 'Mary Jo', 'Zoë Cards'];
const LOTS = ['Vintage Holo Card Lot (10 cards)', 'Graded Slab PSA 9', 'Mystery Booster Pack', "Levi's 501 W32", 'Sealed ETB', 'Signed Rookie Card'];
const TIPS = ['love the show', 'for the shipping 📦', 'great pulls!', ''];
const AUCTION_MS = 20_000;
const BIDS_BEFORE_SOLD = 3;
/** Steps after the start: entry-count updates, then the winner. */
const GIVEAWAY_STEPS = 2;

interface Auction {
  product: JsonObject;
  bidCount: number;
  priceCents: number;
  bidder: string | null;
}

interface Giveaway {
  productId: string;
  name: string;
  entrants: Map<string, string>;
  steps: number;
}

const money = (cents: number) => ({ amount: cents, currency: 'USD' });

/**
 * The show around the chat: an auction cycle and a giveaway cycle stepped one event at a time, tips, raids and
 * viewer counts. Payloads follow the real auction capture (`auction_started`, `new_bid`, `auction_ended` with
 * `status: "SOLD"`) and social_stream's field names for giveaways, tips and raids.
 */
export class PracticeShow {
  readonly title = 'Ripping packs live · giveaway every 15 minutes';
  private auction: Auction | null = null;
  private giveaway: Giveaway | null = null;
  private lot = 0;
  private stopWatching: () => void;

  constructor(
    private stream: PracticeStream,
    private clock: Clock,
    private rnd: () => number,
    readonly livestreamId: string,
    private keyword: () => string,
  ) {
    // Entries are counted from chat, as the real giveaway counts viewers who typed the keyword.
    this.stopWatching = stream.subscribe((ev) => {
      if (ev.t === 'msgs' && this.giveaway) this.countEntries(ev.msgs);
    });
  }

  close(): void {
    this.stopWatching();
  }

  snapshot(): ShowSnapshot {
    const s = this.stream;
    return {
      id: this.livestreamId,
      live: s.live,
      viewers: s.viewers,
      title: this.title,
      hostName: s.hostName,
      pinnedProductId: this.auction ? String(this.auction.product.id) : null,
      activeGiveawayLiveProductId: this.giveaway?.productId ?? null,
    };
  }

  /** The product on screen, as `user_joined` carries it on the commerce topic. */
  pinnedProduct(): JsonObject | null {
    return this.auction ? this.auctionProduct(this.auction) : null;
  }

  step(event: ShowEventName): void {
    switch (event) {
      case 'viewers':
        return this.stream.setViewers(Math.max(1, this.stream.viewers + Math.round((this.rnd() - 0.45) * Math.max(4, this.stream.viewers * 0.03))));
      case 'tip':
        return this.tip();
      case 'raid':
        return this.raid();
      case 'giveaway':
        return this.stepGiveaway();
      case 'auction':
        return this.stepAuction();
    }
  }

  /** A random show event, weighted towards the frequent ones. */
  stepRandom(): void {
    const r = this.rnd();
    this.step(r < 0.35 ? 'auction' : r < 0.6 ? 'giveaway' : r < 0.8 ? 'viewers' : r < 0.95 ? 'tip' : 'raid');
  }

  private tip(): void {
    const sender = this.person();
    const tip = {
      id: crypto.randomUUID(),
      message: this.pick(TIPS),
      senderUser: user(sender),
      tipValue: money(100 * (1 + Math.floor(this.rnd() * 10))),
      magnitude: 1,
    };
    this.stream.show('livestream', 'tip_sent', { tip, timestamp: this.clock.now() });
  }

  private raid(): void {
    const from = `${this.pick(['cardshop', 'thriftking', 'slabcity'])}_live`;
    const numRaiders = 5 + Math.floor(this.rnd() * 40);
    this.stream.show('livestream', 'has_been_raided', { fromUser: user(from), numRaiders, timestamp: this.clock.now() });
    this.stream.setViewers(this.stream.viewers + numRaiders);
    const joins = Array.from({ length: Math.min(numRaiders, 8) }, (_, i) => ({
      kind: 'join' as const,
      username: `${from}_fan${i + 1}`,
      text: 'joined',
      category: 'join' as const,
    }));
    this.stream.append(joins);
  }

  private stepGiveaway(): void {
    const now = this.clock.now();
    const g = this.giveaway;
    if (!g) {
      const productId = crypto.randomUUID();
      this.giveaway = { productId, name: 'Mystery pack giveaway', entrants: new Map(), steps: 0 };
      const product = { id: productId, name: 'Mystery pack giveaway', transactionType: 'GIVEAWAY', status: 'ACTIVE', quantity: { total: 1 } };
      this.stream.show('livestream', 'giveaway_started', { giveaway: { entryCount: 0, productId }, product, timestamp: now });
      this.stream.show('livestream', 'livestream_update', livestreamPayload(this.snapshot(), now));
      return;
    }
    if (++g.steps < GIVEAWAY_STEPS) {
      this.stream.show('livestream', 'giveaway_entry_count_updated', { productId: g.productId, entryCount: g.entrants.size });
      return;
    }
    const names = [...g.entrants.keys()];
    const winner = names.length ? names[Math.floor(this.rnd() * names.length)]! : null;
    const product = {
      id: g.productId,
      name: g.name,
      transactionType: 'GIVEAWAY',
      status: 'SOLD',
      ...(winner ? { purchaserUser: user(g.entrants.get(winner)!) } : {}),
    };
    this.giveaway = null;
    const entries = names.map((n) => user(g.entrants.get(n)!).id);
    this.stream.show('livestream', 'giveaway_won', {
      giveaway: { entryCount: names.length, productId: g.productId },
      giveawayEntries: entries,
      product,
      timestamp: now,
    });
    this.stream.show('livestream', 'livestream_update', livestreamPayload(this.snapshot(), now));
  }

  private countEntries(msgs: PracticeMessage[]): void {
    const kw = new RegExp(`(^|[^\\p{L}\\p{N}])${this.keyword().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'iu');
    for (const m of msgs) if (m.kind === 'message' && !m.host && kw.test(m.text)) this.giveaway!.entrants.set(m.username.toLowerCase(), m.username);
  }

  private stepAuction(): void {
    const now = this.clock.now();
    const a = this.auction;
    if (!a) {
      const name = `${++this.lot}. ${this.pick(LOTS)}`;
      const product = { id: crypto.randomUUID(), name, livestreamId: this.livestreamId, transactionType: 'AUCTION', isAuction: true };
      this.auction = { product: { ...product, auctionEndTime: now + AUCTION_MS }, bidCount: 0, priceCents: 0, bidder: null };
      this.stream.show('commerce', 'product_created', {
        product: { ...product, status: 'ACTIVE', askingPriceCents: 100, askingPrice: money(100), bidCount: 0 },
      });
      this.stream.show('commerce', 'auction_started', { product: this.auctionProduct(this.auction), timestamp: now });
      return;
    }
    if (a.bidCount < BIDS_BEFORE_SOLD) {
      a.bidCount++;
      a.priceCents += 100 * (1 + Math.floor(this.rnd() * 3));
      a.bidder = this.person();
      this.stream.show('commerce', 'new_bid', { product: this.auctionProduct(a), timestamp: now, highestBidder: { username: a.bidder } });
      return;
    }
    this.auction = null;
    const sold = { ...this.auctionProduct(a), isAuctionActive: false, status: 'SOLD', auctionEndTime: now, purchaserUser: user(a.bidder!) };
    this.stream.show('commerce', 'auction_ended', { product: sold, timestamp: now });
  }

  private auctionProduct(a: Auction): JsonObject {
    const next = a.priceCents + 100;
    return {
      ...a.product,
      isAuctionActive: true,
      status: 'ACTIVE',
      highestBid: a.bidCount ? { priceCents: a.priceCents, price: money(a.priceCents), user: user(a.bidder!) } : null,
      nextBidPrice: money(next),
      nextBidCents: next,
      bidCount: a.bidCount,
      auctionMinimumPrice: money(100),
    };
  }

  private person(): string {
    return this.pick(PEOPLE) + (this.rnd() < 0.5 ? String(Math.floor(this.rnd() * 100)) : '');
  }

  private pick<T>(arr: readonly T[]): T {
    return arr[Math.floor(this.rnd() * arr.length)]!;
  }
}
