import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ListToolsRequestSchema, type ListToolsResult, type Tool } from '@modelcontextprotocol/sdk/types.js';

type Schema = Record<string, unknown>;

/** Keywords about the whole value; the rest of a `type: [x, 'null']` schema constrains the x branch. */
const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly']);
const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions'];
const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const SUBSCHEMAS = ['items', 'additionalProperties', 'not', 'contains', 'propertyNames'];

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The JSON Schema zod writes, rewritten for every MCP client (the Inspector's `--strict` checks; function-calling
 * APIs that take a subset of JSON Schema):
 * - `type: ['string', 'null']` becomes `anyOf: [{type: 'string', ...}, {type: 'null'}]`;
 * - `additionalProperties: {}` (zod's loose object) is left out, which means the same;
 * - in output schemas `additionalProperties: false` is left out too: a newer core may add a field, and a client
 *   that validates structuredContent must not reject it. Input schemas stay closed (unknown arguments are errors).
 */
export function portableSchema(schema: Schema, kind: 'input' | 'output'): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (SUBSCHEMA_MAPS.includes(key) && isSchema(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSchema(v) ? portableSchema(v, kind) : v]));
    } else if (SUBSCHEMA_LISTS.includes(key) && Array.isArray(value)) {
      out[key] = value.map((v) => (isSchema(v) ? portableSchema(v, kind) : v));
    } else if (key === 'additionalProperties' && (isEmpty(value) || (value === false && kind === 'output'))) {
      continue;
    } else if (SUBSCHEMAS.includes(key) && isSchema(value)) {
      out[key] = portableSchema(value, kind);
    } else {
      out[key] = value;
    }
  }
  return Array.isArray(out.type) ? typeUnion(out) : out;
}

function isEmpty(v: unknown): boolean {
  return isSchema(v) && Object.keys(v).length === 0;
}

function typeUnion(schema: Schema): Schema {
  const types = schema.type as string[];
  const outer: Schema = {};
  const inner: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'type') continue;
    (ANNOTATIONS.has(k) ? outer : inner)[k] = v;
  }
  // Constraints of one type are ignored by JSON Schema for the others, so each non-null branch may carry them all.
  const branches = types.map((t) => (t === 'null' ? { type: 'null' } : { type: t, ...inner }));
  return branches.length === 1 ? { ...outer, ...branches[0] } : { ...outer, anyOf: branches };
}

export function portableTool(tool: Tool): Tool {
  return {
    ...tool,
    inputSchema: portableSchema(tool.inputSchema, 'input') as Tool['inputSchema'],
    ...(tool.outputSchema && { outputSchema: portableSchema(tool.outputSchema, 'output') as Tool['outputSchema'] }),
  };
}

type RequestHandler = (request: unknown, extra: unknown) => Promise<ListToolsResult>;

/**
 * Rewrites the tool list the SDK builds from the zod schemas (it offers no hook for the JSON Schema it writes).
 * Call after the tools are registered; it fails loudly if a newer SDK stores its handlers elsewhere.
 */
export function servePortableToolList(server: McpServer): void {
  const handlers = (server.server as unknown as { _requestHandlers?: Map<string, RequestHandler> })._requestHandlers;
  const list = handlers?.get('tools/list');
  if (!list) throw new Error('The MCP SDK has no tools/list handler where expected: check servePortableToolList against the SDK version');
  server.server.setRequestHandler(ListToolsRequestSchema, async (request, extra) => {
    const result = await list(request, extra);
    return { ...result, tools: result.tools.map(portableTool) };
  });
}
