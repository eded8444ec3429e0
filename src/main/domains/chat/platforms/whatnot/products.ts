/**
 * Whatnot product and auction payloads (`product`, `pinnedProduct`) to product events.
 * Field names from social_stream's sources/whatnot.d.js `Product` typedef and a sanitised real capture
 * of the auction socket (leonpurser/Whatnot-Sniper tests/fixtures): money is `{amount, currency}` in
 * minor units beside a `…Cents` twin, e.g. `highestBid: {priceCents: 2400, price: {amount: 2400, currency: "GBP"}}`.
 */
import type { DecodeResult, WireEvent } from '../../wire/types.js';
import { asId, asObject, asText, epochMs, malformed, ok, type JsonObject } from '../wire-json.js';

type ProductAction = Extract<WireEvent, { type: 'product' }>['action'];
type Price = { price: number; currency: string | null };

function money(cents: unknown, amount: unknown): Price | null {
  const m = asObject(amount);
  const minor = typeof cents === 'number' && Number.isFinite(cents) ? cents : m && typeof m.amount === 'number' ? m.amount : null;
  if (minor === null || !Number.isFinite(minor)) return null;
  return { price: Math.round(minor) / 100, currency: m ? asText(m.currency) : null };
}

/** What the product costs right now as a viewer sees it: sold price, top bid, asking price, then opening price. */
function priceOf(product: JsonObject, sold: boolean): Price | null {
  const bid = asObject(product.highestBid);
  const candidates = [
    sold ? money(product.soldPriceCents, product.soldPrice) : null,
    bid ? money(bid.priceCents, bid.price) : null,
    money(product.askingPriceCents, product.askingPrice),
    money(product.auctionMinimumCents, product.auctionMinimumPrice),
  ];
  const found = candidates.find((c) => c !== null) ?? null;
  if (!found || found.currency) return found;
  // The chosen amount may come without its Money twin; any other Money on the product names the currency.
  for (const key of ['nextBidPrice', 'auctionMinimumPrice', 'askingPrice']) {
    const currency = asText(asObject(product[key])?.currency);
    if (currency) return { ...found, currency };
  }
  return found;
}

function buyerOf(product: JsonObject): string | null {
  const purchaser = asText(asObject(product.purchaserUser)?.username);
  return purchaser ?? asText(asObject(asObject(product.highestBid)?.user)?.username);
}

export function productEvent(
  action: ProductAction,
  product: JsonObject,
  at: number | null,
  extra: { bidder?: string | null; fallbackId?: string | null } = {},
): DecodeResult {
  const productId = asId(product.id) ?? asId(product.productId) ?? extra.fallbackId ?? null;
  if (!productId) return malformed(`product ${action} without a product id`);
  const sold = action === 'sold';
  const price = action === 'deleted' ? null : priceOf(product, sold);
  const event: WireEvent = {
    type: 'product',
    action,
    productId,
    title: asText(product.name),
    price: price?.price ?? null,
    currency: price?.currency ?? null,
    buyer: sold ? buyerOf(product) : null,
    at,
    ...(extra.bidder !== undefined ? { bidder: extra.bidder } : {}),
  };
  return ok([event]);
}

/** `product_created|updated|deleted|sold`, `auction_started|ended`, `new_bid`: each carries `payload.product`. */
export function decodeProductFrame(event: string, p: JsonObject): DecodeResult {
  const product = asObject(p.product);
  const at = epochMs(p.timestamp);
  if (event === 'product_deleted') {
    const fallbackId = asId(p.productId);
    if (!product && !fallbackId) return malformed('product_deleted without product or productId');
    return productEvent('deleted', product ?? {}, at, { fallbackId });
  }
  if (!product) return malformed(`${event} payload.product is not an object`);
  switch (event) {
    case 'product_created':
      return productEvent('created', product, at);
    case 'product_sold':
      return productEvent('sold', product, at);
    case 'auction_ended':
      // The real capture ends a won auction with `status: "SOLD"`; an auction nobody bid on just ends.
      return productEvent(product.status === 'SOLD' ? 'sold' : 'updated', product, at);
    case 'new_bid': {
      const bidder = asText(asObject(p.highestBidder)?.username);
      return productEvent('updated', product, at, { bidder });
    }
    default:
      return productEvent('updated', product, at);
  }
}
