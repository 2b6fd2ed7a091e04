/**
 * Reading requests and writing responses on node:http for the gateway: the body with a size cap (API Gateway refuses
 * more than 10 MB), and a {@link GatewayResponse} written out with repeated headers (`set-cookie`) kept apart.
 *
 * A body over the cap is still read to its end (and thrown away) before the answer goes out: closing a connection
 * while the client is still sending makes the kernel reset it, and the client then sees EPIPE / ECONNRESET instead
 * of the 413. Only a body beyond {@link MAX_DRAIN_BYTES} is cut off.
 *
 * @example
 * const body = await readBody(req, MAX_REQUEST_BODY_BYTES); // Buffer | 'too-large'
 * writeResponse(res, response, requestId);
 */
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { GatewayResponse } from './http-result';

/**
 * Past this many bytes an oversized body is no longer drained: the connection is cut (a client streaming without
 * end would otherwise hold it forever).
 */
export const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * A header as API Gateway hands it on: every occurrence in the raw request, in order, joined with commas. (Node's
 * `req.headers` keeps only the first of some repeated headers — `authorization` among them — which would hide a
 * repeat the cloud sees.)
 *
 * @example
 * headerValue(req, 'authorization'); // 'Bearer a,Bearer b' for two Authorization headers
 */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const values: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]?.toLowerCase() === name) values.push(req.rawHeaders[i + 1] ?? '');
  }
  return values.length > 0 ? values.join(',') : undefined;
}

/** Whether the request declares a body larger than `max` bytes (known before a byte of it is read). */
export const declaresMoreThan = (req: IncomingMessage, max: number): boolean =>
  Number(req.headers['content-length'] ?? 0) > max;

/**
 * Read the whole body; over `max` bytes, keep reading to the end without keeping anything and answer `too-large`
 * (so the 413 reaches a client that is still sending). Beyond {@link MAX_DRAIN_BYTES} the connection is destroyed.
 */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  if (req.destroyed) return Promise.reject(new Error('the client closed the connection before the body ended'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declaresMoreThan(req, max);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) {
        req.socket.destroy();
        resolve('too-large');
        return;
      }
      if (tooLarge) return;
      if (size > max) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('the client closed the connection before the body ended'));
    });
  });
}

/**
 * Read and discard whatever is left of the request body (an answer written without reading it, e.g. 404 for an
 * unknown route), so closing or reusing the connection never resets it under a client still sending.
 */
export function drainBody(req: IncomingMessage): Promise<void> {
  if (req.complete || req.readableEnded || req.destroyed) return Promise.resolve();
  return readBody(req, 0).then(
    () => undefined,
    () => undefined,
  );
}

/** Write the response; API Gateway adds `apigw-requestid` to every one. */
export function writeResponse(res: ServerResponse, response: GatewayResponse, requestId: string): void {
  if (res.headersSent) return;
  // One flat list, repeats (`set-cookie`) as separate lines: node writes it as given, without a header map.
  const lines: string[] = [];
  for (const [name, value] of response.headers) lines.push(name, value);
  lines.push('apigw-requestid', requestId, 'content-length', String(response.body.length));
  res.writeHead(response.statusCode, lines);
  res.end(response.body);
}

/**
 * The response as raw HTTP/1.1 bytes (for a socket node:http could not parse a request on), closing the connection.
 *
 * @example
 * socket.end(rawHttpResponse(gatewayMessage(431, 'Request Header Fields Too Large'), requestId));
 */
export function rawHttpResponse(response: GatewayResponse, requestId: string): Buffer {
  const head = [
    `HTTP/1.1 ${response.statusCode} ${STATUS_CODES[response.statusCode] ?? ''}`,
    ...response.headers.map(([name, value]) => `${name}: ${value}`),
    `apigw-requestid: ${requestId}`,
    `content-length: ${response.body.length}`,
    'connection: close',
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), response.body]);
}
