// Import resolver for eslint-plugin-boundaries: our sources import TypeScript files by their emitted name
// (`./x.js` for x.ts, as ESM + TypeScript require), which the stock node resolver cannot find, so every
// local import would be "unknown" and escape the boundary rules. Packages go to the node resolver.
// CommonJS because eslint-module-utils loads resolvers with require().
const fs = require('node:fs');
const path = require('node:path');
const nodeResolver = require('eslint-import-resolver-node');

const candidates = (target) => {
  const ext = path.extname(target);
  const stem = ext === '.js' || ext === '.jsx' ? target.slice(0, -ext.length) : target;
  return [target, `${stem}.ts`, `${stem}.tsx`, `${stem}.d.ts`, path.join(target, 'index.ts'), path.join(target, 'index.tsx')];
};

exports.interfaceVersion = 2;

exports.resolve = (source, file, config) => {
  if (source.startsWith('.') || path.isAbsolute(source)) {
    const target = path.resolve(path.dirname(file), source.split('?')[0]);
    const found = candidates(target).find((p) => fs.existsSync(p) && fs.statSync(p).isFile());
    return found ? { found: true, path: found } : { found: false };
  }
  return nodeResolver.resolve(source, file, config ?? {});
};
