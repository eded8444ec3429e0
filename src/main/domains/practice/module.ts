import { parseOrThrow } from '../../http/server.js';
import type { AppModule } from '../define.js';
import type { AppServices } from '../../app/services.js';
import { PracticeController } from './controller.js';
import { practiceRouter } from './routes.js';
import { practiceOptions, type PracticeOptionsInput } from './schema.js';

export const PRACTICE_PATH = '/practice';

/** The page a browser (the chat driver, a demo user) opens: `${baseUrl}/practice/`. */
export function practiceUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${PRACTICE_PATH}/`;
}

/**
 * The practice stream: a local Whatnot-like live page with simulated viewers, served at /practice. It is the
 * product's demo mode and the fixture for end-to-end tests and benches (control API under /practice/api/).
 */
export function practiceModule(s: AppServices, opts: PracticeOptionsInput = {}): AppModule & { controller: PracticeController } {
  const controller = new PracticeController(s.clock, parseOrThrow(practiceOptions, opts, 'practice options'));
  return {
    name: 'practice',
    controller,
    mounts: [{ path: PRACTICE_PATH, handler: practiceRouter(controller) }],
    start() {
      controller.start();
    },
    stop() {
      controller.stop();
    },
  };
}
