import type { Duplex } from 'node:stream';
import { ERROR_CATALOGUE, type ErrorCode } from './errors.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
};

/** How long a refused connection's remaining upload is read (and dropped) before the socket is closed. */
const LINGER_MS = 2000;

/** The code for a request Node's parser refused, named from the parser's error. */
export function clientErrorCode(err: NodeJS.ErrnoException & { rawPacket?: Buffer }): ErrorCode {
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    // Node's limit covers the request line and the headers together: blame the URL when it is most of them.
    const raw = err.rawPacket;
    if (!raw) return 'REQUEST_HEADER_TOO_LARGE';
    const lineEnd = raw.indexOf('\n');
    const line = lineEnd < 0 ? raw.length : lineEnd;
    return line > raw.length - line ? 'URI_TOO_LONG' : 'REQUEST_HEADER_TOO_LARGE';
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'REQUEST_TIMEOUT';
  return 'MALFORMED_REQUEST';
}

/**
 * The server's 'clientError' handler: a request Node's HTTP parser refuses (a 100 KB URL, oversize headers,
 * garbage) is answered in the same JSON envelope as every other error instead of Node's bare status line,
 * then the connection is closed. Whatever the client is still sending is read and dropped for a moment, so
 * closing does not reset the connection before the client has read the answer.
 */
export function answerClientError(err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex): void {
  // A response already under way on this connection (keep-alive) cannot be followed by another one.
  const current = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || current?.headersSent) {
    socket.destroy();
    return;
  }
  const code = clientErrorCode(err);
  const { status, message } = ERROR_CATALOGUE[code];
  const body = JSON.stringify({ success: false, error: { code, message } });
  socket.on('error', () => socket.destroy());
  socket.write(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n' +
      body,
  );
  socket.end();
  socket.resume();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
