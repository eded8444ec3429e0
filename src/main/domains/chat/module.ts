import type { AppModule } from '../define.js';
import type { AppServices } from '../../app/services.js';
import { ChatDriver, type ChatDriverOptions } from './driver.js';
import { chatRoutes } from './routes.js';
import type { ChatGateway } from './types.js';

export interface ChatModule extends AppModule {
  /** What the bot subscribes to. */
  gateway: ChatGateway;
  driver: ChatDriver;
}

/** The chat driver as an app module: routes under /chat, a browser session for the active account. */
export function chatModule(s: AppServices, options: ChatDriverOptions = {}): ChatModule {
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
