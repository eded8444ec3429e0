import type { AppOptions } from '../../src/main/app/create-app.js';
import { webhooksModule, type WebhooksModule } from '../../src/main/domains/webhooks/module.js';
import type { WebhookOptions } from '../../src/main/domains/webhooks/options.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

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
