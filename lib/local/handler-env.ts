/**
 * The environment the handlers read (`lambdas/shared/config.ts`), pointing the unchanged SDK clients at the
 * emulators through `AWS_ENDPOINT_URL_*` — the same mechanism the cloud configuration would use, so no handler has an
 * `if (local)` branch.
 *
 * Handlers read their configuration and create their SDK clients once, at cold start, and handler modules stay
 * imported for the life of the process. So a process can host one runtime configuration: starting a second runtime
 * with other endpoints or names in the same process is refused (restarting with the same ports is fine).
 *
 * @example
 * const env = handlerEnvironment({
 *   endpoints, names, publicBaseUrl: 'http://127.0.0.1:3000', keyDir: '.permit/keys', cursorKeysFile: '.permit/cursor-keys.json',
 * });
 * applyHandlerEnvironment(env);
 */

import { join } from 'node:path';
import { LOCAL_RUNTIME_MARKER } from '../../lambdas/shared/config';
import { buckets, cursorKeys, pades, queues, table } from '../resources';
import type { EmulatorEndpoints } from './emulators';
import { LocalRuntimeError } from './errors';
import type { QueueKey, ResourceNames } from './provision';
import { S3RVER_CREDENTIALS } from './s3-local';

export interface HandlerEnvironmentInput {
  readonly endpoints: EmulatorEndpoints;
  readonly names: ResourceNames;
  readonly publicBaseUrl: string;
  /** Directory of the local certificate-signing keys (`SIGNER=local`). */
  readonly keyDir: string;
  /** The list-cursor key file (`<dataDir>/cursor-keys.json`); the cloud reads an SSM parameter instead. */
  readonly cursorKeysFile: string;
  /** The local timestamp authority's URL (`TSA_URL`); absent: PDF signatures are B-B. */
  readonly tsaUrl?: string;
  /** The settable clock (`PERMIT_CLOCK`), when one was started: its start and state file. */
  readonly clock?: { readonly start: Date; readonly file: string };
}

/** Variables only the local runtime sets; removed from this process when a runtime does not set them. */
const LOCAL_CLOCK_VARIABLES = ['PERMIT_CLOCK', 'PERMIT_CLOCK_FILE'] as const;

/**
 * The variables `lambdas/shared/config.ts` reads, for these emulators and resource names.
 *
 * @example
 * handlerEnvironment({ endpoints, names, publicBaseUrl, keyDir, cursorKeysFile }).TABLE_NAME; // 'PermitTable'
 */
export function handlerEnvironment(input: HandlerEnvironmentInput): Record<string, string> {
  const { endpoints, names } = input;
  const env: Record<string, string> = {
    AWS_REGION: endpoints.region,
    AWS_DEFAULT_REGION: endpoints.region,
    // s3rver accepts only these; DynamoDB Local and fauxqs accept anything.
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    // s3rver stores streamed uploads with the SDK's default flexible checksums corrupted.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    S3_FORCE_PATH_STYLE: 'true',
    [table.envVar]: names.tableName,
    PUBLIC_BASE_URL: input.publicBaseUrl,
    SIGNER: 'local',
    LOCAL_KEY_DIR: input.keyDir,
    [cursorKeys.localEnvVar]: input.cursorKeysFile,
    // PDF signatures: the development CA's files beside the keys (`npm run keys`), and the local TSA.
    [pades.certificates.localEnvVar]: join(input.keyDir, pades.certificates.localFile),
    [pades.trustAnchors.localEnvVar]: join(input.keyDir, pades.trustAnchors.localFile),
    ...(input.tsaUrl ? { [pades.tsaUrlEnvVar]: input.tsaUrl } : {}),
    // Never the Powertools Tracer locally (no X-Ray daemon). Metrics follow PERMIT_METRICS from the shell — off when
    // unset, `compact` for one line per invocation, `emf` for the cloud's JSON (lambdas/composition/metrics.ts).
    POWERTOOLS_TRACE_ENABLED: 'false',
    // Marks the local runtime: configuration accepts PERMIT_CLOCK only with it (the CDK never sets it).
    [LOCAL_RUNTIME_MARKER.name]: LOCAL_RUNTIME_MARKER.value,
    ...(input.clock ? { PERMIT_CLOCK: input.clock.start.toISOString(), PERMIT_CLOCK_FILE: input.clock.file } : {}),
  };
  for (const [key, bucket] of Object.entries(buckets)) {
    env[bucket.envVar] = names.buckets[key as keyof typeof buckets];
  }
  for (const [key, queue] of Object.entries(queues)) {
    const provisioned = names.queues[key as QueueKey];
    env[queue.envVar] = provisioned.url;
    env[queue.deadLetter.envVar] = provisioned.deadLetterUrl;
  }
  return env;
}

let applied: Readonly<Record<string, string>> | undefined;

/** Set the handler environment on this process (before any handler module is imported). */
export function applyHandlerEnvironment(env: Readonly<Record<string, string>>): void {
  if (applied) {
    const changed = Object.keys({ ...applied, ...env }).filter((k) => applied?.[k] !== env[k]);
    if (changed.length > 0) {
      throw new LocalRuntimeError(
        'RUNTIME_CONFLICT',
        `a local runtime already ran in this process with other settings (${changed.join(', ')}); handlers keep the ` +
          'configuration and clients of their cold start, so restart with the same ports and names, or use another process',
      );
    }
  }
  // Temporary credentials from the developer's shell would be sent along and mean nothing here.
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  // A PERMIT_CLOCK in the developer's shell is npm start's input, not the handlers': they get the runtime's decision.
  for (const name of LOCAL_CLOCK_VARIABLES) if (!(name in env)) delete process.env[name];
  Object.assign(process.env, env);
  applied = { ...env };
}
