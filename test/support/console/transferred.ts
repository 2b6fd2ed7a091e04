/**
 * How many bytes a page really crosses the wire, compressed as the console sends it to a browser that accepts Brotli
 * and gzip — read with `node:http`, which (unlike `fetch`) does not decode the body.
 *
 * @example
 * const { bytes, encoding } = await transferredSize(runtime.baseUrl, '/console/workbench/inspections', jar.header());
 * expect(bytes).toBeLessThanOrEqual(60 * 1024);
 */
import { request } from 'node:http';

export function transferredSize(
  baseUrl: string,
  path: string,
  cookie: string,
): Promise<{ status: number; bytes: number; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, baseUrl),
      { headers: { cookie, 'accept-encoding': 'br, gzip, deflate' } },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.byteLength;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, encoding: res.headers['content-encoding'] }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
