/**
 * Typed configuration, read from the environment once at cold start and frozen. A missing or malformed variable
 * fails fast with its name, so a misconfigured function dies at init rather than on its first request.
 *
 * Every function receives the same environment block (resource names are not secrets; permissions, granted per
 * function, are what is least-privileged), so any handler may call `config()`.
 */
import { buckets, cursorKeys, queues, signingKey, table } from '../../lib/resources';

export type SignerKind = 'kms' | 'local';

export interface PermitConfig {
  readonly region: string;
  readonly tableName: string;
  readonly certificatesBucket: string;
  readonly documentsBucket: string;
  readonly dispatchQueueUrl: string;
  readonly dispatchDlqUrl: string;
  /** Base URL printed in QR codes and links, e.g. `https://permit.example.gov.cn`. No trailing slash. */
  readonly publicBaseUrl: string;
  /** Province abbreviation in licence numbers, e.g. 鄂. */
  readonly province: string;
  /** Issuing authority printed on certificates. */
  readonly issuingAuthority: string;
  readonly signer: { readonly kind: 'kms'; readonly keyId: string } | { readonly kind: 'local'; readonly dir: string };
  /** Path-style S3 addressing (needed by S3-compatible endpoints such as the local emulator). */
  readonly s3ForcePathStyle: boolean;
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

/** Parse the configuration from an environment (exported for tests; handlers call {@link config}). */
export function readConfig(env: Env): PermitConfig {
  const signerKind = optionalEnv(env, 'SIGNER', 'kms');
  if (signerKind !== 'kms' && signerKind !== 'local') {
    throw new ConfigError(`environment variable SIGNER must be "kms" or "local", got "${signerKind}"`);
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
    dispatchQueueUrl: requireEnv(env, queues.dispatch.envVar),
    dispatchDlqUrl: requireEnv(env, queues.dispatch.deadLetter.envVar),
    publicBaseUrl,
    province: optionalEnv(env, 'PROVINCE_ABBR', '鄂'),
    issuingAuthority: optionalEnv(env, 'ISSUING_AUTHORITY', '湖北省市场监督管理局'),
    signer:
      signerKind === 'kms'
        ? { kind: 'kms' as const, keyId: requireEnv(env, signingKey.envVar) }
        : { kind: 'local' as const, dir: requireEnv(env, 'LOCAL_KEY_DIR') },
    s3ForcePathStyle: optionalEnv(env, 'S3_FORCE_PATH_STYLE', 'false') === 'true',
  });
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
