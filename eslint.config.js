// Lint: typescript-eslint's recommended rules, the Rules of Hooks in the dashboard, and the layer arrows of
// ARCHITECTURE.md enforced by eslint-plugin-boundaries (an import that crosses a layer the wrong way fails CI).
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layers, most specific first (the first matching descriptor names a file's element).
const elements = [
  { type: 'shared', pattern: 'src/shared' },
  { type: 'kernel', pattern: 'src/main/kernel' },
  { type: 'http', pattern: 'src/main/http' },
  { type: 'domain', pattern: 'src/main/domains/*', capture: ['domain'] },
  // What is left in domains/ once each domain folder is taken: define.ts, the Domain shape.
  { type: 'domain-kit', pattern: 'src/main/domains' },
  { type: 'app', pattern: 'src/main/app' },
  { type: 'shell', pattern: 'src/main/shells/*', capture: ['shell'] },
  { type: 'renderer', pattern: 'src/renderer' },
  { type: 'preload', pattern: 'src/preload' },
  { type: 'tests', pattern: 'tests' },
  { type: 'bench', pattern: 'bench' },
].map((e) => ({ partialMatch: false, ...e }));

// Element patterns name folders; files of http/ are told apart by category. The Express server and the OpenAPI
// document it serves see every domain's routes: no domain (nor the route kit) may reach them.
const files = [
  { category: 'http-server', pattern: 'src/main/http/{server,openapi,openapi-*}.ts', stopMatching: true },
  { category: 'http-kit', pattern: 'src/main/http/*.ts' },
];

const MAIN = ['kernel', 'http-kit', 'http-server', 'domain-kit', 'domain', 'app', 'shell'];
// An entity selector per layer name; the two http layers are one folder told apart by file category.
const layer = (name) => (name.startsWith('http-') ? { element: { type: 'http' }, file: { categories: name } } : { element: { type: name } });
const type = (...names) => names.map(layer);
const packages = { module: { origin: ['external', 'core'] } };
const pkg = (...names) => ({ module: { origin: 'external', source: names } });

/** Allowed arrows; anything not allowed here is an error (default: disallow). The last matching policy wins. */
const policies = [
  // Inside one element (a domain's own files, kernel to kernel...) anything goes, but the route kit never
  // reaches the server that mounts it.
  { from: { element: { types: '*' } }, allow: { dependency: { relationship: { to: 'internal' } } } },
  { from: type('http-kit'), disallow: { to: type('http-server') } },

  // Packages: the core, its shells, tests and benches may use any; the contract only zod; the dashboard its UI stack.
  { from: type(...MAIN, 'tests', 'bench'), allow: { to: packages } },
  { from: type('shared'), allow: { to: pkg('zod') } },
  { from: type('renderer'), allow: { to: pkg('react', 'react-dom', 'zustand', 'zod') } },
  { from: type('preload'), allow: { to: pkg('electron') } },
  // Only the Electron shell (and the preload it loads) may touch Electron.
  {
    from: type(...MAIN, 'shared', 'renderer'),
    disallow: { to: pkg('electron') },
    message: 'Only src/main/shells/electron (and src/preload) may import electron: the core runs headless too.',
  },
  { from: { element: { type: 'shell', captured: { shell: 'electron' } } }, allow: { to: pkg('electron') } },

  // Layers inside the core, bottom up.
  { from: type('kernel'), allow: { to: type('shared') } },
  { from: type('http-kit'), allow: { to: type('kernel', 'shared') } },
  { from: type('http-server'), allow: { to: type('http-kit', 'kernel', 'shared') } },
  { from: type('domain-kit'), allow: { to: type('http-kit', 'kernel', 'shared') } },
  { from: type('domain'), allow: { to: type('domain-kit', 'http-kit', 'kernel', 'shared') } },
  // Another domain: only the types of its service, schema or types file (its own files are internal, free).
  {
    from: type('domain'),
    allow: {
      to: { element: { type: 'domain', fileInternalPath: '{service,schema,types}.ts' } },
      dependency: { kind: 'type' },
    },
  },
  { from: type('app'), allow: { to: type('domain', 'domain-kit', 'http-server', 'http-kit', 'kernel', 'shared') } },
  { from: type('shell'), allow: { to: type(...MAIN, 'shared') } },

  // The dashboard is an API client: the contract by value, the core's shapes by type only.
  { from: type('renderer'), allow: { to: type('shared') } },
  { from: type('renderer'), allow: { to: type(...MAIN), dependency: { kind: 'type' } } },
  { from: type('preload'), allow: { to: type('shared') } },

  // Tests and benches drive everything.
  { from: type('tests', 'bench'), allow: { to: { element: { types: '*' } } } },
];

export default defineConfig([
  globalIgnores(['out/', 'dist/', 'node_modules/', 'bench/results/', 'tests/fixtures/', '.tmp-exp/', '.buzzchat-data/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused arguments named _x are deliberate (handler signatures); the rest is dead code.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `import type` for types: erased at build time, and the boundary rules below tell type arrows by it.
      // (`typeof import('x')` stays allowed: vitest's importOriginal<typeof import('x')>() idiom.)
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: false },
      ],
    },
  },
  {
    // eslint-module-utils loads import resolvers with require().
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests read raw JSON answers, page globals and mocks as `any` on purpose: expect() checks every value they use.
    files: ['tests/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.{ts,tsx}', 'bench/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/files': files,
      'boundaries/legacy-templates': false,
      'import/resolver': { './scripts/eslint-ts-resolver.cjs': {} },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', checkAllOrigins: true, checkInternals: true, policies }],
    },
  },
]);
