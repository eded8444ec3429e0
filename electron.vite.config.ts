import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * The API reference page (/api/v1/docs) renders with Scalar's standalone bundle, served by the app itself; the
 * packaged app has no devDependencies, so the build puts the bundle in out/docs/scalar.js (see http/openapi-docs.ts).
 */
const scalarBundle = () => ({
  name: 'buzzchat-scalar-bundle',
  closeBundle() {
    mkdirSync(resolve(__dirname, 'out/docs'), { recursive: true });
    copyFileSync(resolve(__dirname, 'node_modules/@scalar/api-reference/dist/browser/standalone.js'), resolve(__dirname, 'out/docs/scalar.js'));
  },
});

// One build for both shells: out/main holds the Electron entry (index.js), the headless CLI (cli.js)
// and the MCP server (mcp.js); they share the same core chunks. Runtime dependencies stay external.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/shells/electron/index.ts'),
          cli: resolve(__dirname, 'src/main/shells/cli/index.ts'),
          mcp: resolve(__dirname, 'src/main/shells/mcp/cli.ts'),
        },
      },
    },
    plugins: [scalarBundle()],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      outDir: 'out/renderer',
      // Parsed on every window open; main and preload stay readable for stack traces.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
