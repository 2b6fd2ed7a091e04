/**
 * Typed configuration, read from the environment once at cold start and frozen. A missing or malformed variable
 * fails fast with its name, so a misconfigured function dies at init rather than on its first request.
 *
 * Every function receives the same environment block (resource names are not secrets; permissions, granted per
 * function, are what is least-privileged), so any handler may call `config()`.
 */
import {
  buckets,
  consoleSessionKeys,
  cursorKeys,
  logKey,
  pades,
  type QueueName,
  queues,
  signingKey,
  table,
  webhookSecretsKey,
} from '../../lib/resources';
import { isPermitError } from '../domain/errors';
import { parseInstant } from '../domain/instants';

export type SignerKind = 'kms' | 'local';

export interface PermitConfig {
  readonly region: string;
  readonly tableName: string;
  readonly certificatesBucket: string;
  readonly documentsBucket: string;
  /** The transparency log's private bucket (`buckets.log`). */
  readonly logBucket: string;
  /**
   * The transparency log: its origin (`LOG_ORIGIN`; by default the public host followed by `/log`), the first line of
   * every checkpoint and its key's name, and in the cloud the KMS key that signs checkpoints (`LOG_KEY_ID`; only the
   * sequencer has it).
   */
  readonly log: { readonly origin: string; readonly kmsKeyId?: string };
  /**
   * The key that seals webhook signing secrets at rest: in the cloud the KMS key `WEBHOOK_SECRETS_KEY_ID`. Absent, only
   * the local secret box (the `local` signer's key directory) can be used.
   */
  readonly webhookSecrets: { readonly kmsKeyId?: string };
  readonly dispatchQueueUrl: string;
  readonly dispatchDlqUrl: string;
  /** Every queue of `lib/resources.ts` by name (outbox topics are published to theirs). */
  readonly queueUrls: Readonly<Record<QueueName, string>>;
  /** Base URL printed in QR codes and links, e.g. `https://permit.example.gov.cn`. No trailing slash. */
  readonly publicBaseUrl: string;
  /** Province abbreviation in licence numbers, e.g. 鄂. */
  readonly province: string;
  /** Issuing authority printed on certificates. */
  readonly issuingAuthority: string;
  /**
   * What the public pages of a spot-check plan show of its inspectors (`INSPECTOR_DISCLOSURE`): `code` (the default:
   * the pseudonymous code only) or `code-and-name` (the name beside the code, where the authority's policy publishes
   * it). The draw's record names inspectors by code whatever the policy.
   */
  readonly inspectorDisclosure: InspectorDisclosure;
  readonly signer: { readonly kind: 'kms'; readonly keyId: string } | { readonly kind: 'local'; readonly dir: string };
  /** Path-style S3 addressing (needed by S3-compatible endpoints such as the local emulator). */
  readonly s3ForcePathStyle: boolean;
  /**
   * The local runtime's settable clock (`PERMIT_CLOCK`, `PERMIT_CLOCK_FILE`): its start and its state file under the
   * data directory. Only ever set in the local runtime: see {@link readLocalClock}.
   */
  readonly localClock?: { readonly start: Date; readonly file: string };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

export function requireEnv(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(`missing environment variable ${name}`);
  return value.trim();
}

const optionalEnv = (env: Env, name: string, fallback: string): string => env[name]?.trim() || fallback;

/** The marker the local runtime (`lib/local/handler-env.ts`) sets; never set by the CDK. */
export const LOCAL_RUNTIME_MARKER = { name: 'PERMIT_RUNTIME', value: 'local' } as const;

/**
 * Whether this is the local runtime: the local signer (`SIGNER=local`) **and** the local runtime's marker. What only
 * `npm start` may do hangs on it (a settable clock, webhooks to loopback).
 *
 * @example
 * isLocalRuntime({ SIGNER: 'kms', PERMIT_RUNTIME: 'local' }); // false
 */
export function isLocalRuntime(env: Env = process.env): boolean {
  return optionalEnv(env, 'SIGNER', 'kms') === 'local' && env[LOCAL_RUNTIME_MARKER.name] === LOCAL_RUNTIME_MARKER.value;
}

/**
 * The settable clock's settings. `PERMIT_CLOCK` is refused unless this is the local runtime — the local signer
 * (`SIGNER=local`) **and** the local runtime's marker — so a deployed function can never run on a set clock, whatever
 * its environment says.
 *
 * @example
 * readLocalClock({ SIGNER: 'kms', PERMIT_CLOCK: '2026-02-10T09:00:00+08:00' }); // throws ConfigError
 */
export function readLocalClock(env: Env): PermitConfig['localClock'] {
  const start = env.PERMIT_CLOCK?.trim();
  const file = env.PERMIT_CLOCK_FILE?.trim();
  if (!start && !file) return undefined;
  if (!isLocalRuntime(env)) {
    throw new ConfigError(
      'environment variable PERMIT_CLOCK is for the local runtime (npm start) only; a deployed function runs on the system clock',
    );
  }
  if (!start || !file) throw new ConfigError('environment variables PERMIT_CLOCK and PERMIT_CLOCK_FILE go together');
  try {
    return { start: parseInstant(start, 'PERMIT_CLOCK'), file };
  } catch (error) {
    if (isPermitError(error)) throw new ConfigError(`environment variable ${error.message}`);
    throw error;
  }
}

/** What the public sees of an inspector: see {@link PermitConfig.inspectorDisclosure}. */
export const INSPECTOR_DISCLOSURES = ['code', 'code-and-name'] as const;
export type InspectorDisclosure = (typeof INSPECTOR_DISCLOSURES)[number];

/** Parse the configuration from an environment (exported for tests; handlers call {@link config}). */
export function readConfig(env: Env): PermitConfig {
  const signerKind = optionalEnv(env, 'SIGNER', 'kms');
  if (signerKind !== 'kms' && signerKind !== 'local') {
    throw new ConfigError(`environment variable SIGNER must be "kms" or "local", got "${signerKind}"`);
  }
  const localClock = readLocalClock(env);
  const disclosure = optionalEnv(env, 'INSPECTOR_DISCLOSURE', 'code');
  if (!INSPECTOR_DISCLOSURES.some((d) => d === disclosure)) {
    throw new ConfigError(
      `environment variable INSPECTOR_DISCLOSURE must be "code" or "code-and-name", got "${disclosure}"`,
    );
  }
  const publicBaseUrl = requireEnv(env, 'PUBLIC_BASE_URL').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s]+$/.test(publicBaseUrl)) {
    throw new ConfigError('environment variable PUBLIC_BASE_URL must be an http(s) URL');
  }
  return Object.freeze({
    region: optionalEnv(env, 'AWS_REGION', 'cn-north-1'),
    tableName: requireEnv(env, table.envVar),
    certificatesBucket: requireEnv(env, buckets.certificates.envVar),
    documentsBucket: requireEnv(env, buckets.documents.envVar),
    logBucket: requireEnv(env, buckets.log.envVar),
    log: readLogConfig(env, publicBaseUrl),
    webhookSecrets: readWebhookSecretsConfig(env),
    dispatchQueueUrl: requireEnv(env, queues.dispatch.envVar),
    dispatchDlqUrl: requireEnv(env, queues.dispatch.deadLetter.envVar),
    queueUrls: Object.freeze(
      Object.fromEntries(
        (Object.keys(queues) as QueueName[]).map((name) => [name, requireEnv(env, queues[name].envVar)]),
      ) as Record<QueueName, string>,
    ),
    publicBaseUrl,
    province: optionalEnv(env, 'PROVINCE_ABBR', '鄂'),
    issuingAuthority: optionalEnv(env, 'ISSUING_AUTHORITY', '湖北省市场监督管理局'),
    inspectorDisclosure: disclosure as InspectorDisclosure,
    signer:
      signerKind === 'kms'
        ? { kind: 'kms' as const, keyId: requireEnv(env, signingKey.envVar) }
        : { kind: 'local' as const, dir: requireEnv(env, 'LOCAL_KEY_DIR') },
    s3ForcePathStyle: optionalEnv(env, 'S3_FORCE_PATH_STYLE', 'false') === 'true',
    ...(localClock ? { localClock } : {}),
  });
}

/** The C2SP origin / key-name rule: no whitespace and no plus sign. */
const LOG_ORIGIN = /^[^\s+]{1,200}$/u;

function readLogConfig(env: Env, publicBaseUrl: string): PermitConfig['log'] {
  const origin = optionalEnv(env, logKey.originEnvVar, `${new URL(publicBaseUrl).host}/log`);
  if (!LOG_ORIGIN.test(origin)) {
    throw new ConfigError(`environment variable ${logKey.originEnvVar} must have no spaces or plus signs`);
  }
  const kmsKeyId = env[logKey.envVar]?.trim();
  return Object.freeze({ origin, ...(kmsKeyId ? { kmsKeyId } : {}) });
}

function readWebhookSecretsConfig(env: Env): PermitConfig['webhookSecrets'] {
  const kmsKeyId = env[webhookSecretsKey.envVar]?.trim();
  return Object.freeze(kmsKeyId ? { kmsKeyId } : {});
}

let cached: PermitConfig | undefined;

/** The process's configuration, parsed on first use (at cold start, since composition calls it at module load). */
export function config(): PermitConfig {
  cached ??= readConfig(process.env);
  return cached;
}

/** Where the list-cursor key set lives: an SSM parameter (the cloud) or a file (the local runtime). */
export type CursorKeysConfig =
  | { readonly kind: 'ssm'; readonly parameter: string }
  | { readonly kind: 'file'; readonly path: string };

/**
 * Parse the cursor key location (exported for tests). Separate from {@link readConfig}: only functions serving a
 * paginated route need it, and they fail at cold start without it.
 *
 * @example
 * readCursorKeysConfig({ CURSOR_KEYS_PARAMETER: '/permit/dev/cursor-keys' }); // { kind: 'ssm', parameter: … }
 */
export function readCursorKeysConfig(env: Env): CursorKeysConfig {
  const parameter = env[cursorKeys.envVar]?.trim();
  if (parameter) return Object.freeze({ kind: 'ssm' as const, parameter });
  const path = env[cursorKeys.localEnvVar]?.trim();
  if (path) return Object.freeze({ kind: 'file' as const, path });
  throw new ConfigError(`missing environment variable ${cursorKeys.envVar} (${cursorKeys.localEnvVar} locally)`);
}

/** PAdES settings: where the certificate chains and trust anchors are, and the TSA (`docs/pdf-signatures.md`). */
export interface PadesConfig {
  readonly certificates: CursorKeysConfig;
  readonly trustAnchors: CursorKeysConfig;
  /** RFC 3161 timestamp authority; absent: B-B signatures only. */
  readonly tsaUrl?: string;
}

/**
 * Parse the PAdES settings (exported for tests). Separate from {@link readConfig}: only the functions that sign or
 * check certificate PDFs need them. Each location is an SSM parameter (cloud) or a file (locally).
 *
 * @example
 * readPadesConfig({ PADES_CERTIFICATES_FILE: 'k/c.pem', PADES_TRUST_ANCHORS_FILE: 'k/t.pem' }).tsaUrl; // undefined
 */
export function readPadesConfig(env: Env): PadesConfig {
  const location = (where: (typeof pades)['certificates' | 'trustAnchors']): CursorKeysConfig => {
    const parameter = env[where.envVar]?.trim();
    if (parameter) return Object.freeze({ kind: 'ssm' as const, parameter });
    const path = env[where.localEnvVar]?.trim();
    if (path) return Object.freeze({ kind: 'file' as const, path });
    throw new ConfigError(`missing environment variable ${where.envVar} (${where.localEnvVar} locally)`);
  };
  const tsaUrl = originOrFail(env, pades.tsaUrlEnvVar);
  return Object.freeze({
    certificates: location(pades.certificates),
    trustAnchors: location(pades.trustAnchors),
    ...(tsaUrl ? { tsaUrl } : {}),
  });
}

/** The web console's sign-in and storage settings (only the console function reads them). */
export interface ConsoleConfig {
  /** The OpenID Connect issuer, exactly as in the ID tokens' `iss`. */
  readonly issuer: string;
  readonly clientId: string;
  /** Where the discovery document is read (default: under the issuer). */
  readonly discoveryUrl?: string;
  /** The provider's logout endpoint, when discovery does not name one (Cognito's hosted UI `/logout`). */
  readonly logoutUrl?: string;
  /** The documents bucket's origin, where forms post presigned uploads (the CSP's form-action and connect-src). */
  readonly storageOrigin?: string;
  /** Where the session key set lives. */
  readonly sessionKeys: CursorKeysConfig;
}

const originOrFail = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    return name.endsWith('_ORIGIN') ? url.origin : value;
  } catch {
    throw new ConfigError(`environment variable ${name} must be an http(s) URL`);
  }
};

/**
 * Parse the console's settings (exported for tests): `CONSOLE_OIDC_ISSUER`, `CONSOLE_OIDC_CLIENT_ID`, optionally
 * `CONSOLE_OIDC_DISCOVERY_URL`, `CONSOLE_OIDC_LOGOUT_URL`, `CONSOLE_STORAGE_ORIGIN`, and the session key set's
 * `CONSOLE_SESSION_KEYS_PARAMETER` (`CONSOLE_SESSION_KEYS_FILE` locally).
 *
 * @example
 * readConsoleConfig(process.env).clientId; // 'permit-local-client'
 */
export function readConsoleConfig(env: Env): ConsoleConfig {
  const issuer = originOrFail(env, 'CONSOLE_OIDC_ISSUER');
  if (!issuer) throw new ConfigError('missing environment variable CONSOLE_OIDC_ISSUER');
  const parameter = env[consoleSessionKeys.envVar]?.trim();
  const file = env[consoleSessionKeys.localEnvVar]?.trim();
  if (!parameter && !file) {
    throw new ConfigError(
      `missing environment variable ${consoleSessionKeys.envVar} (${consoleSessionKeys.localEnvVar} locally)`,
    );
  }
  const discoveryUrl = originOrFail(env, 'CONSOLE_OIDC_DISCOVERY_URL');
  const logoutUrl = originOrFail(env, 'CONSOLE_OIDC_LOGOUT_URL');
  const storageOrigin = originOrFail(env, 'CONSOLE_STORAGE_ORIGIN');
  return Object.freeze({
    issuer,
    clientId: requireEnv(env, 'CONSOLE_OIDC_CLIENT_ID'),
    ...(discoveryUrl ? { discoveryUrl } : {}),
    ...(logoutUrl ? { logoutUrl } : {}),
    ...(storageOrigin ? { storageOrigin } : {}),
    sessionKeys: parameter ? { kind: 'ssm' as const, parameter } : { kind: 'file' as const, path: file as string },
  });
}

/**
 * How metrics are published (`PERMIT_METRICS`): `emf` — CloudWatch Embedded Metric Format lines (the stacks set it
 * for every function); `compact` — one short line per invocation (`npm start`); `off` — nothing (the default, so the
 * local runtime and tests print no metrics unless asked).
 */
export const METRICS_MODES = ['off', 'compact', 'emf'] as const;
export type MetricsMode = (typeof METRICS_MODES)[number];

/**
 * Parse `PERMIT_METRICS` (exported for tests); a bad value fails at cold start.
 *
 * @example
 * readMetricsMode({ PERMIT_METRICS: 'compact' }); // 'compact'
 * readMetricsMode({}); // 'off'
 */
export function readMetricsMode(env: Env): MetricsMode {
  const mode = optionalEnv(env, 'PERMIT_METRICS', 'off');
  const known = METRICS_MODES.find((m) => m === mode);
  if (!known) throw new ConfigError(`environment variable PERMIT_METRICS must be off, compact or emf, got "${mode}"`);
  return known;
}

/**
 * Every dead-letter queue's URL by its queue's name (`lib/resources.ts`); only the `ops-gauges` function reads them.
 *
 * @example
 * readDeadLetterQueueUrls(process.env).dispatch; // 'https://sqs.cn-north-1.amazonaws.com.cn/…/permit-dispatch-dlq'
 */
export function readDeadLetterQueueUrls(env: Env): Readonly<Record<QueueName, string>> {
  return Object.freeze(
    Object.fromEntries(
      (Object.keys(queues) as QueueName[]).map((name) => [name, requireEnv(env, queues[name].deadLetter.envVar)]),
    ) as Record<QueueName, string>,
  );
}
