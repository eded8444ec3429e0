import { parseOrThrow } from '../../http/parse.js';
import type { AppModule } from '../define.js';
import type { Clock } from '../../kernel/clock.js';
import { practiceApiRoutes } from './api-routes.js';
import { PracticeController } from './controller.js';
import { practicePageRouter } from './page-routes.js';
import { practiceOptions, type PracticeOptionsInput } from './schema.js';
import { SOCKET_PATH } from './socket.js';

export const PRACTICE_PATH = '/practice';

/** The page a browser (the chat driver, a demo user) opens: `${baseUrl}/practice/`. */
export function practiceUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${PRACTICE_PATH}/`;
}

/**
 * The practice stream: a local Whatnot-like live page with simulated viewers, served at /practice with its chat
 * on a Phoenix-style socket at /practice/socket. It is the product's demo mode and the fixture for end-to-end
 * tests and benches (control API under /api/v1/practice/, token required).
 */
export function practiceModule(s: { clock: Clock }, opts: PracticeOptionsInput = {}): AppModule & { controller: PracticeController } {
  const controller = new PracticeController(s.clock, parseOrThrow(practiceOptions, opts, 'practice options'));
  return {
    name: 'practice',
    controller,
    routes: practiceApiRoutes(controller),
    mounts: [{ path: PRACTICE_PATH, handler: practicePageRouter(controller) }],
    upgrades: [{ path: SOCKET_PATH, handler: (req, socket, head) => controller.hub.handleUpgrade(req, socket, head) }],
    start({ port }) {
      controller.start(port);
    },
    stop() {
      controller.stop();
    },
  };
}
