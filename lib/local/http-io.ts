/**
 * Reading requests and writing responses on node:http for the gateway: the body with a size cap (API Gateway refuses
 * more than 10 MB), and a {@link GatewayResponse} written out with repeated headers (`set-cookie`) kept apart.
 *
 * @example
 * const body = await readBody(req, MAX_REQUEST_BODY_BYTES); // Buffer | 'too-large'
 * writeResponse(res, response, requestId);
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayResponse } from './http-result';

/** A header as one string (Node gives arrays for some repeated headers). */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Read the whole body, or stop at `max` bytes. */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) {
    req.resume();
    return Promise.resolve('too-large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) {
        done = true;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** Write the response; API Gateway adds `apigw-requestid` to every one. */
export function writeResponse(res: ServerResponse, response: GatewayResponse, requestId: string): void {
  if (res.headersSent) return;
  res.statusCode = response.statusCode;
  const grouped = new Map<string, string[]>();
  for (const [name, value] of response.headers) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  for (const [name, values] of grouped) res.setHeader(name, values.length === 1 ? (values[0] as string) : values);
  res.setHeader('apigw-requestid', requestId);
  res.setHeader('content-length', response.body.length);
  res.end(response.body);
}
