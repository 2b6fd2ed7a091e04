/**
 * The local RFC 3161 timestamp authority: an HTTP server on 127.0.0.1 (`POST /tsr`, `application/timestamp-query` →
 * `application/timestamp-reply`) over `LocalTimestampAuthority`, with the development PKI's TSA certificate and the
 * runtime's clock. The local runtime starts one and gives handlers its URL as `TSA_URL`, so certificates are B-T.
 *
 * `setAvailable(false)` plays an outage (every request answered 503; tests reach it as `runtime.tsa`): issuance goes
 * on with B-B signatures and the timestamper adds document timestamps once it is back.
 *
 * @example
 * const tsa = await startLocalTsa({ identity, now: () => clock.now() });
 * tsa.setAvailable(false); // an outage
 * await tsa.stop();
 */
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { type LocalTsaIdentity, localTimestampResponder } from '../../lambdas/composition/tools';
import { type RuntimeLog, silentLog } from './log';
import { LOOPBACK, listenOnLoopback } from './ports';

/** Permit's local TSA policy (a private-arc OID: development only). */
export const LOCAL_TSA_POLICY = '1.3.6.1.4.1.55555.18.1';
const MAX_REQUEST_BYTES = 4096;

export interface LocalTsa {
  /** `http://127.0.0.1:<port>/tsr` */
  readonly url: string;
  readonly port: number;
  /** How many tokens it issued. */
  readonly issued: () => number;
  setAvailable(available: boolean): void;
  stop(): Promise<void>;
}

/**
 * Start the local TSA.
 *
 * @example
 * const tsa = await startLocalTsa({ identity: pki.tsa, now: () => new Date(), port: 0 });
 */
export async function startLocalTsa(options: {
  readonly identity: LocalTsaIdentity;
  readonly now: () => Date;
  readonly port?: number;
  readonly log?: RuntimeLog;
}): Promise<LocalTsa> {
  const log = options.log ?? silentLog();
  const authority = localTimestampResponder(options.identity, options.now, LOCAL_TSA_POLICY);
  let available = true;
  let issued = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (!available) return answer(res, 503, 'text/plain', 'the local TSA is in a simulated outage');
      if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://tsa').pathname !== '/tsr') {
        return answer(res, 404, 'text/plain', 'POST /tsr (application/timestamp-query)');
      }
      if (size > MAX_REQUEST_BYTES) return answer(res, 413, 'text/plain', 'request too large');
      authority.respond(new Uint8Array(Buffer.concat(chunks))).then(
        (reply) => {
          issued++;
          answer(res, 200, 'application/timestamp-reply', reply);
        },
        (error: unknown) => {
          log.error('local TSA failed', { error });
          answer(res, 500, 'text/plain', 'local TSA error');
        },
      );
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenOnLoopback(server, options.port ?? 0);
  return {
    url: `http://${LOOPBACK}:${port}/tsr`,
    port,
    issued: () => issued,
    setAvailable: (value) => {
      available = value;
    },
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(
  res: import('node:http').ServerResponse,
  status: number,
  type: string,
  body: string | Uint8Array,
): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
