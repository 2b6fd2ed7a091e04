/**
 * A tiny HTTP server for browser tests: serves fixed responses (with their real headers, CSP included) on
 * 127.0.0.1 and an ephemeral port. Anything else is a 404 — which a test would see as an unexpected request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixedResponse {
  readonly status?: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface PageServer {
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  close(): Promise<void>;
}

/**
 * Start serving `routes` (keyed by path, query string included).
 *
 * @example
 * const server = await startPageServer({ '/v/ABC': { headers: VERIFICATION_PAGE_HEADERS, body: page } });
 * await page.goto(server.url('/v/ABC'));
 */
export async function startPageServer(routes: Readonly<Record<string, FixedResponse>>): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (!route) {
      res.writeHead(404, {
        'content-type': 'text/plain; charset=utf-8',
        'content-security-policy': "default-src 'none'",
      });
      res.end('not found');
      return;
    }
    res.writeHead(route.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...route.headers });
    res.end(route.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
