/**
 * Post-processing of the generated document, for strict consumers (Redocly lint, MCP Inspector, generators):
 * - `additionalProperties: {}` says nothing: dropped;
 * - `type: [x, 'null']` becomes `anyOf` of one type each;
 * - zod's safe-integer bounds on every `.int()` (±2^53-1) are noise: dropped;
 * - a component schema used only in responses is generated as `<Name>Output` beside an unused `<Name>`: renamed
 *   back, and components nothing refers to are dropped.
 */
export function tidyDocument(doc: Record<string, unknown>): Record<string, unknown> {
  const out = tidy(doc) as Record<string, unknown>;
  pruneUnused(out);
  return renameOutputs(out);
}

/** `<Name>Output` becomes `<Name>` where nothing refers to `<Name>` (it was only generated as the input form). */
function renameOutputs(doc: Record<string, unknown>): Record<string, unknown> {
  const schemas = ((doc.components as Record<string, unknown> | undefined)?.schemas ?? {}) as Record<string, unknown>;
  const text = JSON.stringify(doc);
  const renames = Object.keys(schemas)
    .filter((name) => name.endsWith('Output'))
    .map((name) => [name, name.slice(0, -'Output'.length)] as const)
    .filter(([, base]) => !(base in schemas) || refCount(text, base) === 0);
  if (!renames.length) return doc;
  for (const [name, base] of renames) {
    schemas[base] = schemas[name];
    delete schemas[name];
  }
  let next = JSON.stringify(doc);
  for (const [name, base] of renames) next = next.split(`"#/components/schemas/${name}"`).join(`"#/components/schemas/${base}"`);
  return JSON.parse(next) as Record<string, unknown>;
}

function refCount(text: string, name: string): number {
  return text.split(`"#/components/schemas/${name}"`).length - 1;
}

const REF = /"#\/components\/schemas\/([^"]+)"/g;
const refsIn = (value: unknown) => new Set([...JSON.stringify(value).matchAll(REF)].map((m) => m[1]!));

/** Drops the component schemas that nothing outside the components reaches, directly or through other schemas. */
function pruneUnused(doc: Record<string, unknown>): void {
  const comps = ((doc.components as Record<string, unknown> | undefined)?.schemas ?? {}) as Record<string, unknown>;
  const roots = refsIn({ ...doc, components: { ...(doc.components as object), schemas: {} } });
  const reached = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const name = queue.pop()!;
    if (reached.has(name) || !(name in comps)) continue;
    reached.add(name);
    queue.push(...refsIn(comps[name]));
  }
  for (const name of Object.keys(comps)) if (!reached.has(name)) delete comps[name];
}

const SAFE = Number.MAX_SAFE_INTEGER;
const KEEP_AS_IS = new Set(['examples', 'example', 'value', 'enum', 'const', 'default']);

function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = KEEP_AS_IS.has(k) ? v : tidy(v);
  const ap = out.additionalProperties;
  if (ap && typeof ap === 'object' && !Array.isArray(ap) && Object.keys(ap).length === 0) delete out.additionalProperties;
  if (out.minimum === -SAFE) delete out.minimum;
  if (out.maximum === SAFE) delete out.maximum;
  if (Array.isArray(out.type)) {
    const {
      type,
      description,
      title,
      default: dflt,
      examples,
      deprecated,
      readOnly,
      writeOnly,
      ...rest
    } = out as Record<string, unknown> & { type: string[] };
    const meta = Object.fromEntries(
      Object.entries({ description, title, default: dflt, examples, deprecated, readOnly, writeOnly }).filter(([, v]) => v !== undefined),
    );
    return { ...meta, anyOf: type.map((t) => (t === 'null' ? { type: 'null' } : { type: t, ...rest })) };
  }
  return out;
}
