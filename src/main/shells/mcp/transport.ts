import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ClientRequestSchema, ErrorCode, JSONRPCMessageSchema, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';

/** A line longer than this is not a message anyone meant to send (the SDK's own stdio limit). */
export const MAX_LINE_BYTES = 10 * 1024 * 1024;

/** Each request method's params schema, to answer bad params with -32602 before the SDK turns them into -32603. */
const requestSchemas = new Map<string, z.ZodType>(ClientRequestSchema.options.map((s) => [s.shape.method.value, s]));

type Reply = { jsonrpc: '2.0'; id: RequestId | null; error: { code: number; message: string } };
const reply = (id: RequestId | null, code: number, message: string): Reply => ({ jsonrpc: '2.0', id, error: { code, message } });

/** "params.arguments: expected an object, received null" rather than the zod issue list as JSON. */
export function readableIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const where = i.path.length ? `${i.path.join('.')}: ` : '';
      return where + i.message.replace(/^Invalid input: /, '').replace(/expected (record|object)/, 'expected an object');
    })
    .join('; ');
}

/**
 * What one line of the stream is: a message for the server, an error to answer (JSON-RPC 2.0: a line that is not
 * JSON gets -32700 with id null, one that is not a JSON-RPC message -32600, a request with bad params -32602),
 * or nothing (a blank line).
 */
export function readLine(line: string): { message: JSONRPCMessage } | { answer: Reply } | null {
  if (line.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { answer: reply(null, ErrorCode.ParseError, `Parse error: ${(err as Error).message}. Send one JSON-RPC message per line.`) };
  }
  const id = idOf(value);
  if (Array.isArray(value))
    return { answer: reply(null, ErrorCode.InvalidRequest, 'Invalid Request: batches are not supported; send one message per line') };
  const parsed = JSONRPCMessageSchema.safeParse(value);
  if (!parsed.success) return { answer: reply(id, ErrorCode.InvalidRequest, `Invalid Request: ${readableIssues(parsed.error)}`) };
  const message = parsed.data;
  if ('method' in message && 'id' in message) {
    const checked = requestSchemas.get(message.method)?.safeParse(message);
    if (checked && !checked.success) {
      return { answer: reply(message.id, ErrorCode.InvalidParams, `Invalid params for ${message.method}: ${readableIssues(checked.error)}`) };
    }
  }
  return { message };
}

function idOf(value: unknown): RequestId | null {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}

/**
 * The MCP stdio transport (newline-delimited JSON-RPC) that answers what it cannot read. The SDK's
 * StdioServerTransport only reports such lines to onerror, so the client waits for an answer that never comes.
 * The streams are given so that the Electron shell can hand in its own (its process.stdin is empty on Windows).
 */
export class LineTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;

  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  /** Inside a line that went over the limit: dropped up to its newline. */
  private skipping = false;
  private started = false;

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  private readonly onData = (chunk: Buffer | string) => {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let nl: number;
    while ((nl = this.pending.indexOf('\n')) !== -1) {
      const line = this.pending.slice(0, nl);
      this.pending = this.pending.slice(nl + 1);
      if (this.skipping) this.skipping = false;
      else this.handle(line.replace(/\r$/, ''));
    }
    if (!this.skipping && Buffer.byteLength(this.pending) > this.maxLineBytes) {
      this.pending = '';
      this.skipping = true;
      this.answer(reply(null, ErrorCode.ParseError, `Parse error: message longer than ${this.maxLineBytes} bytes; it was dropped`));
    } else if (this.skipping) {
      this.pending = '';
    }
  };

  private readonly onError = (err: Error) => this.onerror?.(err);

  async start(): Promise<void> {
    if (this.started) throw new Error('LineTransport already started');
    this.started = true;
    this.input.on('data', this.onData);
    this.input.on('error', this.onError);
  }

  private handle(line: string): void {
    const read = readLine(line);
    if (read === null) return;
    if ('answer' in read) this.answer(read.answer);
    else this.onmessage?.(read.message);
  }

  private answer(r: Reply): void {
    this.send(r).catch((err: Error) => this.onerror?.(err));
  }

  send(message: JSONRPCMessage | Reply): Promise<void> {
    return new Promise((resolve) => {
      if (this.output.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.output.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    this.input.off('data', this.onData);
    this.input.off('error', this.onError);
    if (this.input.listenerCount('data') === 0) this.input.pause();
    this.pending = '';
    this.onclose?.();
  }
}
