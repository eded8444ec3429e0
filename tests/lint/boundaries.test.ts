import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer arrows of ARCHITECTURE.md as eslint.config.js enforces them: each import below is linted as if it
// were written in the named file (which need not exist), and must be refused or let through.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let eslint: ESLint;

async function boundaryErrors(file: string, importLine: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${importLine}\nexport const _use = X;\n`, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'boundaries/dependencies' || m.fatal).map((m) => m.message);
}

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

const refused: [string, string][] = [
  ['src/shared/x.ts', "import { X } from '../main/kernel/clock.js';"],
  ['src/shared/x.ts', "import X from 'express';"],
  ['src/shared/x.ts', "import X from 'node:fs';"],
  ['src/main/kernel/x.ts', "import { X } from '../http/route.js';"],
  ['src/main/http/route.ts', "import { X } from './server.js';"],
  ['src/main/http/route.ts', "import { X } from '../domains/bot/domain.js';"],
  ['src/main/domains/bot/x.ts', "import { X } from '../accounts/service.js';"],
  ['src/main/domains/bot/x.ts', "import type { X } from '../accounts/store.js';"],
  ['src/main/domains/bot/x.ts', "import { X } from '../../http/server.js';"],
  ['src/main/domains/bot/x.ts', "import type { X } from '../../http/openapi.js';"],
  ['src/main/domains/bot/x.ts', "import type { X } from '../../app/services.js';"],
  ['src/main/domains/bot/x.ts', "import { X } from '../../shells/cli/index.js';"],
  ['src/main/domains/bot/x.ts', "import { X } from 'electron';"],
  ['src/main/domains/bot/x.ts', "import { X } from '../../../../tests/helpers/app.js';"],
  ['src/main/domains/define.ts', "import { X } from './bot/domain.js';"],
  ['src/main/app/x.ts', "import { X } from '../shells/cli/index.js';"],
  ['src/main/shells/cli/x.ts', "import { X } from 'electron';"],
  ['src/renderer/src/x.ts', "import { X } from '../../main/domains/chat/routes.js';"],
  ['src/renderer/src/x.ts', "import X from 'express';"],
  ['src/preload/x.ts', "import { X } from '../main/kernel/clock.js';"],
];

const allowed: [string, string][] = [
  ['src/shared/x.ts', "import { X } from 'zod';"],
  ['src/main/kernel/x.ts', "import { X } from '../../shared/errors.js';"],
  ['src/main/http/server.ts', "import { X } from './route.js';"],
  ['src/main/domains/bot/x.ts', "import type { X } from '../accounts/service.js';"],
  ['src/main/domains/bot/x.ts', "import type { X } from '../settings/schema.js';"],
  ['src/main/domains/bot/x.ts', "import { X } from './engine.js';"],
  ['src/main/domains/bot/x.ts', "import { X } from '../define.js';"],
  ['src/main/domains/bot/x.ts', "import { X } from '../../http/route.js';"],
  ['src/main/app/x.ts', "import { X } from '../http/server.js';"],
  ['src/main/app/x.ts', "import { X } from '../domains/bot/domain.js';"],
  ['src/main/shells/cli/x.ts', "import { X } from '../../app/create-app.js';"],
  ['src/main/shells/electron/x.ts', "import { X } from 'electron';"],
  ['src/renderer/src/x.ts', "import { X } from '../../shared/client.js';"],
  ['src/renderer/src/x.ts', "import type { X } from '../../main/domains/chat/routes.js';"],
  ['src/renderer/src/x.ts', "import { X } from 'react-dom/client';"],
  ['src/preload/x.ts', "import { X } from 'electron';"],
  ['tests/x.test.ts', "import { X } from '../src/main/http/server.js';"],
  ['bench/x.ts', "import { X } from '../tests/helpers/app.js';"],
];

describe('layer arrows (eslint-plugin-boundaries)', () => {
  it.each(refused)('refuses in %s: %s', async (file, line) => {
    expect(await boundaryErrors(file, line)).not.toEqual([]);
  });
  it.each(allowed)('allows in %s: %s', async (file, line) => {
    expect(await boundaryErrors(file, line)).toEqual([]);
  });
});
