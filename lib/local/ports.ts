/**
 * Loopback ports for the emulators and the gateway: either a port the developer configured (checked up front, so a
 * clash is reported with the variable to change) or a free one picked by the kernel.
 *
 * @example
 * const port = await resolvePort(process.env.PORT, 'PORT', 3000); // 3000 unless PORT says otherwise
 */
import { createServer, type Server } from 'node:net';
import { LocalRuntimeError } from './errors';

export const LOOPBACK = '127.0.0.1';

/** Listen on `port` (0 = any) on loopback, then release it; resolves the port, or rejects with the listen error. */
function probeListen(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

/** A port that was free a moment ago (for processes such as Java that cannot report the port they bound). */
export const freePort = (): Promise<number> => probeListen(0);

/**
 * The error for a taken port, naming the variable that configures it.
 *
 * @example
 * throw portInUse(3000, 'PORT', error);
 */
export function portInUse(
  port: number,
  variable: string,
  cause?: unknown,
  reason = 'already in use',
): LocalRuntimeError {
  return new LocalRuntimeError(
    'PORT_IN_USE',
    `port ${port} (${variable}) is ${reason} — stop the other process or set ${variable} to a free port (0 picks one)`,
    cause === undefined ? undefined : { cause },
  );
}

/** Fail with a message naming the variable when a configured port is taken. */
export async function assertPortFree(port: number, variable: string): Promise<void> {
  try {
    await probeListen(port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw portInUse(port, variable, error, code === 'EACCES' ? 'not permitted' : 'already in use');
    }
    throw error;
  }
}

/** Parse a port setting: undefined/empty → `fallback`; must be an integer 0–65535. */
export function parsePort(value: string | number | undefined, variable: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new LocalRuntimeError('INVALID_ARGUMENT', `${variable} must be a port number 0–65535, got "${value}"`);
  }
  return port;
}

/**
 * Listen on the loopback address (`port` 0: any free one) and answer the port bound; a taken port rejects.
 *
 * @example
 * const port = await listenOnLoopback(server, options.port ?? 0);
 */
export function listenOnLoopback(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: LOOPBACK }, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
