/**
 * Wiring for the public `verify` function only. It imports nothing PDF- or S3-related (not even `storage.ts`,
 * whose storage wiring pulls in the S3 client), so the bundle stays small and starts fast; a test bundles the handler
 * and fails on any PDF, font or QR-drawing library.
 *
 * - Register reads go through a DynamoDB client of its own with short timeouts (connect 300 ms, request 800 ms, two
 *   attempts) and the {@link StatusCache} (heads ≤ 4 s); the use case bounds all reads of one verification to 1.5 s.
 * - The transparency log's head, entry locations and mirrored tiles come from the same table through
 *   {@link CachedLogReader}: inclusion proofs need no bucket. `TRANSPARENCY_PROOFS=off` (a bench and diagnostics
 *   switch, never set by the stacks) leaves the log out of every answer: `npm run bench -- log` compares throughput
 *   with and without proofs.
 * - The signed status list and its slots come from the same table through {@link CachedStatusListReader} (the list
 *   at most a second old).
 * - The key set comes from `SIGNER`: `local` → the local key store's ring file (re-read after 1 s), `kms` → the
 *   DynamoDB key ring (re-read after 30 s; a QR naming a newer key triggers an early re-read).
 *
 * @example
 * const result = await verifyCertificate(verifyDeps(), { kind: 'payload', payload });
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCertificateRepository } from '../adapters/dynamo/certificate-repository';
import { DynamoKeyRing } from '../adapters/dynamo/key-ring';
import { DynamoLogStore } from '../adapters/dynamo/log-store';
import { DynamoStatusListStore } from '../adapters/dynamo/status-list-store';
import { CachedKeySet } from '../adapters/key-set-cache';
import { CachedLogReader } from '../adapters/log-reader-cache';
import { LocalKeyStore } from '../adapters/signing/local-key-store';
import { STATUS_CACHE_TTL_MS, StatusCache } from '../adapters/status-cache';
import { CachedStatusListReader } from '../adapters/status-list-cache';
import type { KeyRecordSource } from '../ports/key-record-source';
import type { KeySetProvider } from '../ports/key-set-provider';
import type { LogReader } from '../ports/log-store';
import { ConfigError, config } from '../shared/config';
import { logger } from '../shared/logger';
import { STATUS_LIST_PATH } from '../use-cases/status-list/publish';
import type { StatusListReadDeps } from '../use-cases/status-list/read';
import { type InclusionDeps, LOG_ENTRY_MISSING } from '../use-cases/transparency/inclusion';
import type { VerifyDeps } from '../use-cases/verify-certificate';
import { clock } from './clock';
import { once } from './once';

/** Budget for all register reads of one verification (the client's own timeouts: connect 300 ms, request 800 ms). */
export const REGISTER_TIMEOUT_MS = 1500;
/** How long the verify function uses a key set read from each source before reading it again. */
export const KEY_SET_TTL_MS = { local: 1000, kms: 30_000 } as const;

export { clock };

const dynamo = once(() =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: config().region,
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 300, requestTimeout: 800 },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  ),
);

const keySource = once<KeyRecordSource>(() => {
  const signer = config().signer;
  if (signer.kind === 'kms') return new DynamoKeyRing(dynamo(), config().tableName);
  // The local ring file, read through the key store (which creates the first key if the runtime has none yet).
  const store = once(() => LocalKeyStore.open({ dir: signer.dir, clock }));
  return { keyRecords: async () => (await store()).keyRecords() };
});

/** The key set, cached (see the module doc). */
export const keys = once<KeySetProvider>(
  () => new CachedKeySet(keySource(), clock, { ttlMs: KEY_SET_TTL_MS[config().signer.kind] }),
);

/**
 * The status-cache lifetime: {@link STATUS_CACHE_TTL_MS} (4 s) unless `STATUS_CACHE_TTL_MS` sets a shorter one (0
 * turns the cache off). A value above 4 s stops the function at cold start: it would break the freshness promise.
 *
 * @example
 * statusCacheTtlMs({ STATUS_CACHE_TTL_MS: '0' }); // 0
 */
export function statusCacheTtlMs(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const text = env.STATUS_CACHE_TTL_MS?.trim();
  return text ? Number(text) : STATUS_CACHE_TTL_MS;
}

/** Register reads through the status cache. */
export const statusCache = once(
  () =>
    new StatusCache(new DynamoCertificateRepository(dynamo(), config().tableName), clock, {
      ttlMs: statusCacheTtlMs(),
    }),
);

/** The transparency log as the verify function reads it: the table's mirror, cached (`CachedLogReader`). */
export const logReader = once<LogReader>(
  () => new CachedLogReader(new DynamoLogStore(dynamo(), config().tableName), clock),
);

/**
 * What verification needs of the log: the reader, a cache of the answers made (a checkpoint's proofs never change),
 * and the alarm — an error log line (`transparency log entry missing`) the alarm counts.
 *
 * @example
 * await versionInclusion(logInclusionDeps(), issued);
 */
export const logInclusionDeps = once<InclusionDeps>(() => ({
  log: logReader(),
  clock,
  answers: new Map(),
  onMissing: (details) => logger.error(LOG_ENTRY_MISSING, details),
  onError: (error) => logger.warn('verification degraded: the transparency log could not be read', { error }),
}));

/**
 * Whether verification answers carry the version's transparency-log inclusion: yes unless `TRANSPARENCY_PROOFS` is
 * `off` — a bench and diagnostics switch (`npm run bench -- log` measures the cost of the proofs with it), which the
 * stacks never set. A value other than `on` or `off` stops the function at cold start.
 *
 * @example
 * transparencyProofs({ TRANSPARENCY_PROOFS: 'off' }); // false
 */
export function transparencyProofs(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const text = env.TRANSPARENCY_PROOFS?.trim().toLowerCase();
  if (text === undefined || text === '' || text === 'on') return true;
  if (text === 'off') return false;
  throw new ConfigError(`TRANSPARENCY_PROOFS must be on or off, not ${JSON.stringify(env.TRANSPARENCY_PROOFS)}`);
}

/**
 * Deps of verification (without the log when {@link transparencyProofs} is off); `parts` replace any of them (tests,
 * benchmarks).
 *
 * @example
 * const result = await verifyCertificate(verifyDeps(), { kind: 'payload', payload });
 */
export const verifyDeps = (parts: Partial<VerifyDeps> = {}): VerifyDeps => ({
  keys: keys(),
  register: statusCache(),
  clock,
  registerTimeoutMs: REGISTER_TIMEOUT_MS,
  onDependencyError: (dependency, error) =>
    logger.warn('verification degraded: a dependency failed', { dependency, error }),
  ...(transparencyProofs() ? { log: logInclusionDeps() } : {}),
  ...parts,
});

/**
 * Deps of the status-list routes: the published list through its cache, and the list's URL.
 *
 * @example
 * const { jwt } = await publishedStatusList(statusListReadDeps());
 */
export const statusListReadDeps = once<StatusListReadDeps>(() => ({
  reader: new CachedStatusListReader(new DynamoStatusListStore(dynamo(), config().tableName), clock),
  listUrl: `${config().publicBaseUrl}${STATUS_LIST_PATH}`,
}));
