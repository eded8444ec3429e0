import crypto from 'node:crypto';

/**
 * Two signature schemes over the same bytes, so receivers can use either:
 *
 * - `X-BuzzChat-Signature`: lowercase hex HMAC-SHA256 of the raw body, keyed with the whole secret string
 *   (`whsec_…` as UTF-8). This is exactly the API reference's Node recipe. Always the current secret: the header
 *   holds one value, since the recipe compares it whole. While a rotated-out secret is still valid,
 *   `X-BuzzChat-Signature-Previous` carries the same signature made with it, so a receiver can accept either
 *   header during the switch.
 * - Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`): `v1,` + base64 HMAC-SHA256 of
 *   `${id}.${timestamp}.${body}`, keyed with the base64-decoded part after `whsec_`. While a rotated-out
 *   secret is still valid, a second space-separated `v1,` signature made with it is appended.
 *
 * Secrets are `whsec_` + base64 of 32 random bytes, which is what Standard Webhooks libraries expect.
 */

const SECRET_PREFIX = 'whsec_';

export function generateSecret(): string {
  return SECRET_PREFIX + crypto.randomBytes(32).toString('base64');
}

export function buzzchatSignature(secret: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(body).digest('hex');
}

export function standardSignature(secret: string, msgId: string, timestampSec: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return 'v1,' + crypto.createHmac('sha256', key).update(`${msgId}.${timestampSec}.${body}`).digest('base64');
}

export const USER_AGENT = 'BuzzChat-Webhooks/1';

export interface SigningInput {
  secret: string;
  /** A rotated-out secret still inside its grace period. */
  previousSecret: string | null;
  eventId: string;
  /** Epoch ms of this attempt (Standard Webhooks signs the attempt time, so replays can be refused). */
  now: number;
  body: string;
}

export function deliveryHeaders(input: SigningInput): Record<string, string> {
  const ts = Math.floor(input.now / 1000);
  const signatures = [standardSignature(input.secret, input.eventId, ts, input.body)];
  if (input.previousSecret) signatures.push(standardSignature(input.previousSecret, input.eventId, ts, input.body));
  return {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'x-buzzchat-signature': buzzchatSignature(input.secret, input.body),
    ...(input.previousSecret && { 'x-buzzchat-signature-previous': buzzchatSignature(input.previousSecret, input.body) }),
    'webhook-id': input.eventId,
    'webhook-timestamp': String(ts),
    'webhook-signature': signatures.join(' '),
  };
}
