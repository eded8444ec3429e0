import type { AppOptions } from '../../src/main/app/create-app.js';
import { webhooksModule, type WebhooksModule } from '../../src/main/domains/webhooks/domain.js';
import type { WebhookOptions } from '../../src/main/domains/webhooks/options.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { WAIT_MS } from '../helpers/wait.js';
import { waitFor } from './receiver.js';

/** Fast settings so retries and timeouts take milliseconds; jitter off so schedules are predictable. */
export const FAST: Partial<WebhookOptions> = {
  retrySchedule: [20, 40, 80],
  jitter: (n) => n,
  timeoutMs: 2000,
};

export interface WebhookTestApp extends TestApp {
  webhooks: WebhooksModule;
  accountId: string;
  /** Registers a webhook through the API and returns the created resource (with its secret). */
  register(url: string, events: string[]): Promise<{ id: string; secret: string; url: string }>;
  deliveries(id: string): Promise<any[]>;
}

export async function startWebhookApp(options: Partial<WebhookOptions> = {}, app: Partial<AppOptions> = {}): Promise<WebhookTestApp> {
  let webhooks!: WebhooksModule;
  const t = await startTestApp({ ...app, modules: (s) => [(webhooks = webhooksModule(s, { ...FAST, ...options }))] });
  const register: WebhookTestApp['register'] = async (url, events) => {
    const r = await t.call('POST', '/api/v1/webhooks', { url, events });
    if (r.status !== 201) throw new Error(`register failed: ${JSON.stringify(r.json)}`);
    return r.json.data;
  };
  const deliveries = async (id: string) => (await t.call('GET', `/api/v1/webhooks/${id}/deliveries?limit=100`)).json.data.deliveries;
  return { ...t, webhooks, accountId: t.app.services.accounts.resolve(undefined).id, register, deliveries };
}

/**
 * Waits until the outbox owes nothing to any active endpoint: no delivery is being sent and none is pending
 * for an active webhook (held ones, and pending ones of an inactive webhook, are never claimed). From then on
 * nothing is sent until a new event or a re-enable, so "nothing else arrived" can be checked without a sleep.
 * Every request a receiver got is in its list by then: an attempt ends only after the response.
 */
export async function outboxIdle(t: TestApp): Promise<void> {
  const owed = t.app.services.db.prepare(
    `SELECT COUNT(*) AS n FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
     WHERE d.status = 'sending' OR (d.status = 'pending' AND w.active = 1)`,
  );
  await waitFor(() => (owed.get() as { n: number }).n === 0, WAIT_MS, 'the outbox to owe nothing');
}
