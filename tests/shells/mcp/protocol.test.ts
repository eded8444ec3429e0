import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.js';
import { LineTransport } from '../../../src/main/shells/mcp/transport.js';
import { portableSchema } from '../../../src/main/shells/mcp/portable-schema.js';
import { assertBuilt, call, connectMcp, LAUNCHER, ROOT, startCore, textOf, type McpSession } from './harness.js';

let t: TestApp;
let mcp: McpSession;
beforeAll(async () => {
  t = await startCore();
  mcp = await connectMcp(['--api-key', t.key, '--url', t.app.baseUrl]);
});
afterAll(async () => {
  await mcp?.close();
  await t?.stop();
});

/** The server as a host runs it, spoken to line by line, so that lines no SDK client would send can be sent. */
class RawSession {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly received: Record<string, unknown>[] = [];
  private buffer = '';
  constructor(args: string[]) {
    assertBuilt();
    this.child = spawn(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (d: Buffer) => {
      this.buffer += d.toString();
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) !== -1) {
        this.received.push(JSON.parse(this.buffer.slice(0, nl)));
        this.buffer = this.buffer.slice(nl + 1);
      }
    });
  }
  write(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }
  /** The next answer the server writes (every stdout line must be JSON: JSON.parse above throws otherwise). */
  async next(): Promise<Record<string, any>> {
    await expect.poll(() => this.received.length, { timeout: 10_000 }).toBeGreaterThan(0);
    return this.received.shift()!;
  }
  close(): void {
    this.child.stdin.end();
  }
}

describe('JSON-RPC over stdio', () => {
  it('answers unreadable lines with -32700 / -32600 and id null, and keeps serving', async () => {
    const s = new RawSession(['--api-key', t.key, '--url', t.app.baseUrl]);
    try {
      s.write('{"jsonrpc":"2.0","id":1,"method":"ping"');
      expect(await s.next()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700, message: expect.stringMatching(/^Parse error: /) } });
      s.write('[{"jsonrpc":"2.0","id":2,"method":"ping"}]');
      expect(await s.next()).toMatchObject({ id: null, error: { code: -32600, message: expect.stringContaining('batches are not supported') } });
      s.write('{"jsonrpc":"2.0","id":3}');
      expect(await s.next()).toMatchObject({ id: 3, error: { code: -32600 } });
      s.write('   ');
      s.write('{"jsonrpc":"2.0","id":4,"method":"ping"}');
      expect(await s.next()).toEqual({ jsonrpc: '2.0', id: 4, result: {} });
    } finally {
      s.close();
    }
  });

  it('`arguments: null` gets -32602 with a sentence, not a zod issue dump', async () => {
    const s = new RawSession(['--api-key', t.key, '--url', t.app.baseUrl]);
    try {
      s.write(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
        }),
      );
      expect((await s.next()).result.serverInfo.name).toBe('buzzchat');
      s.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
      s.write(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'buzzchat_get_settings', arguments: null } }));
      const answer = await s.next();
      expect(answer).toEqual({
        jsonrpc: '2.0',
        id: 2,
        error: { code: -32602, message: 'Invalid params for tools/call: params.arguments: expected an object, received null' },
      });
      // Left out, the arguments default to {}.
      s.write(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'buzzchat_get_settings' } }));
      expect((await s.next()).result.isError).toBeFalsy();
    } finally {
      s.close();
    }
  });
});

describe('LineTransport', () => {
  function pair(maxLineBytes?: number) {
    const input = new PassThrough();
    const output = new PassThrough();
    const out: string[] = [];
    output.on('data', (d: Buffer) => out.push(...d.toString().split('\n').filter(Boolean)));
    const transport = new LineTransport(input, output, maxLineBytes);
    const messages: unknown[] = [];
    transport.onmessage = (m) => messages.push(m);
    return { input, out, messages, transport };
  }

  it('joins a message split across chunks, even inside a multi-byte character', async () => {
    const { input, messages, transport } = pair();
    await transport.start();
    const bytes = Buffer.from('{"jsonrpc":"2.0","method":"notifications/x","params":{"text":"héllo"}}\r\n');
    const cut = bytes.indexOf(0xc3) + 1;
    input.write(bytes.subarray(0, cut));
    input.write(bytes.subarray(cut));
    await expect.poll(() => messages).toEqual([{ jsonrpc: '2.0', method: 'notifications/x', params: { text: 'héllo' } }]);
  });

  it('drops a line over the limit with one -32700 answer and reads the next line', async () => {
    const { input, out, messages, transport } = pair(64);
    await transport.start();
    input.write(`{"jsonrpc":"2.0","method":"n","params":{"x":"${'a'.repeat(100)}`);
    input.write(`${'b'.repeat(100)}"}}\n{"jsonrpc":"2.0","method":"after"}\n`);
    await expect.poll(() => messages).toEqual([{ jsonrpc: '2.0', method: 'after' }]);
    expect(out.map((l) => JSON.parse(l))).toEqual([
      { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: message longer than 64 bytes; it was dropped' } },
    ]);
  });
});

describe('tool input limits', () => {
  it('pick_winner takes at most 100 winners per draw, and says so', async () => {
    const tool = (await mcp.client.listTools()).tools.find((x) => x.name === 'buzzchat_pick_winner')!;
    expect(tool.inputSchema.properties!.count).toMatchObject({ maximum: 100, description: expect.stringContaining('at most 100') });
    const r = await call(mcp, 'buzzchat_pick_winner', { count: 1_000_000 });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('Input validation error');
    expect(textOf(r)).toMatch(/<=100 at count/);
  });

  it('update_settings passes on the warnings of a change that was saved but probably not meant', async () => {
    const r = await call(mcp, 'buzzchat_update_settings', {
      faqRules: [
        { triggers: ['shipping'], response: 'We ship in 2 days.' },
        { triggers: ['shipping'], response: 'Shipping is free.' },
      ],
    });
    expect(r.isError).toBeFalsy();
    expect(textOf(r)).toMatch(/Warnings: faqRules\.1: /);
    expect((r.structuredContent as { warnings: { code: string }[] }).warnings[0]!.code).toBe('faq-shadowed');
  });
});

/** Every schema object inside a JSON Schema, with its path. */
function* walk(schema: unknown, path = '#'): Generator<[string, Record<string, unknown>]> {
  if (typeof schema !== 'object' || schema === null) return;
  if (Array.isArray(schema)) {
    for (const [i, s] of schema.entries()) yield* walk(s, `${path}/${i}`);
    return;
  }
  yield [path, schema as Record<string, unknown>];
  for (const [k, v] of Object.entries(schema)) if (typeof v === 'object') yield* walk(v, `${path}/${k}`);
}

describe('portable schemas', () => {
  it('lists input and output schemas without type arrays or bare additionalProperties, open outputs, closed inputs', async () => {
    const { tools } = await mcp.client.listTools();
    const problems: string[] = [];
    let outputs = 0;
    for (const tool of tools) {
      for (const [kind, schema] of [
        ['input', tool.inputSchema],
        ['output', tool.outputSchema],
      ] as const) {
        if (!schema) continue;
        if (kind === 'output') outputs++;
        for (const [path, node] of walk(schema)) {
          if (Array.isArray(node.type)) problems.push(`${tool.name} ${kind} ${path}: type array`);
          const extra = node.additionalProperties;
          if (typeof extra === 'object' && extra !== null && Object.keys(extra).length === 0)
            problems.push(`${tool.name} ${kind} ${path}: additionalProperties {}`);
          if (kind === 'output' && extra === false) problems.push(`${tool.name} ${kind} ${path}: closed output object`);
        }
        new Ajv({ strict: false }).compile(schema);
      }
      expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
    }
    expect(problems).toEqual([]);
    expect(outputs).toBeGreaterThanOrEqual(12);
    // A nullable field is an anyOf with a null branch, its description outside.
    const status = tools.find((x) => x.name === 'buzzchat_get_message_status')!;
    expect((status.outputSchema!.properties as Record<string, unknown>).error).toEqual({
      description: 'Why the last attempt failed',
      anyOf: [{ type: 'string' }, { type: 'null' }],
    });
  });

  it('rewrites zod JSON Schema: type arrays to anyOf, bare additionalProperties away, nested schemas too', () => {
    const zodLike = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        name: { type: ['string', 'null'], minLength: 1, description: 'Name' },
        tags: { type: 'array', items: { type: 'object', properties: { n: { type: ['integer', 'null'] } }, additionalProperties: {} } },
        both: { anyOf: [{ type: 'object', additionalProperties: false }, { type: ['number'] }] },
      },
      required: ['name'],
      additionalProperties: false,
    };
    const expectedProperties = {
      name: { description: 'Name', anyOf: [{ type: 'string', minLength: 1 }, { type: 'null' }] },
      tags: { type: 'array', items: { type: 'object', properties: { n: { anyOf: [{ type: 'integer' }, { type: 'null' }] } } } },
    };
    expect(portableSchema(zodLike, 'input')).toEqual({
      $schema: zodLike.$schema,
      type: 'object',
      properties: { ...expectedProperties, both: { anyOf: [{ type: 'object', additionalProperties: false }, { type: 'number' }] } },
      required: ['name'],
      additionalProperties: false,
    });
    expect(portableSchema(zodLike, 'output')).toEqual({
      $schema: zodLike.$schema,
      type: 'object',
      properties: { ...expectedProperties, both: { anyOf: [{ type: 'object' }, { type: 'number' }] } },
      required: ['name'],
    });
  });
});
