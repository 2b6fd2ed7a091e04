/**
 * Carrier configuration, read once from the environment like `config.ts` (fails fast with the variable's name).
 * Only the dispatch worker and the carrier webhook read it, so other functions need none of these variables.
 *
 * | variable | meaning |
 * |---|---|
 * | `CARRIER_BASE_URL` | the carrier's open-API base URL |
 * | `CARRIER_APP_KEY` | Permit's app key at the carrier |
 * | `CARRIER_SECRET_PARAMETER` | SSM parameter (SecureString) holding the app secret — the cloud |
 * | `CARRIER_APP_SECRET` | the app secret itself — the local runtime's sandbox carrier only |
 * | `CARRIER_TIMEOUT_MS` | per-request timeout (default 5000) |
 * | `DISPATCH_RETRY_BASE_SECONDS` | first retry delay of a failed message, doubled per receive (default 15; 0 = the queue's visibility timeout) |
 */
import { ConfigError, requireEnv } from './config';

export interface CarrierConfig {
  readonly baseUrl: string;
  readonly appKey: string;
  readonly secret:
    | { readonly kind: 'ssm'; readonly parameter: string }
    | { readonly kind: 'value'; readonly value: string };
  readonly timeoutMs: number;
  readonly retryBaseSeconds: number;
}

type Env = Readonly<Record<string, string | undefined>>;

const intEnv = (env: Env, name: string, fallback: number): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`environment variable ${name} must be a whole number`);
  return Number(raw);
};

/**
 * Parse the carrier configuration (exported for tests).
 *
 * @example
 * readCarrierConfig({ CARRIER_BASE_URL: 'https://open.example.cn', CARRIER_APP_KEY: 'k', CARRIER_SECRET_PARAMETER: '/p' });
 */
export function readCarrierConfig(env: Env): CarrierConfig {
  const baseUrl = requireEnv(env, 'CARRIER_BASE_URL').replace(/\/+$/, '');
  if (!/^https?:\/\/\S+$/.test(baseUrl)) throw new ConfigError('environment variable CARRIER_BASE_URL must be a URL');
  const parameter = env.CARRIER_SECRET_PARAMETER?.trim();
  return Object.freeze({
    baseUrl,
    appKey: requireEnv(env, 'CARRIER_APP_KEY'),
    secret: parameter
      ? { kind: 'ssm' as const, parameter }
      : { kind: 'value' as const, value: requireEnv(env, 'CARRIER_APP_SECRET') },
    timeoutMs: intEnv(env, 'CARRIER_TIMEOUT_MS', 5000),
    retryBaseSeconds: intEnv(env, 'DISPATCH_RETRY_BASE_SECONDS', 15),
  });
}

let cached: CarrierConfig | undefined;

/** The process's carrier configuration, parsed on first use. */
export function carrierConfig(): CarrierConfig {
  cached ??= readCarrierConfig(process.env);
  return cached;
}
