import type { ChatDeps } from './types.js';
import type { Domain } from '../define.js';
import { ChatDriver, type ChatDriverOptions } from './driver.js';
import { chatRoutes } from './routes.js';
import type { ChatGateway } from './types.js';

export interface ChatModule extends Domain {
  /** What the bot subscribes to. */
  gateway: ChatGateway;
  driver: ChatDriver;
}

/** The chat domain: routes under /chat, a browser session for the active account. */
export function chatModule(s: ChatDeps, options: ChatDriverOptions = {}): ChatModule {
  const driver = new ChatDriver(s, options);
  return {
    name: 'chat',
    gateway: driver,
    driver,
    routes: chatRoutes(s, driver),
    start: ({ baseUrl }) => driver.start(baseUrl),
    stop: () => driver.stop(),
  };
}
