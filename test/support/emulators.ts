/**
 * Test access to the shared emulators that vitest's global setup runs, with per-file isolation: each caller gets its
 * own table, buckets and queues (a unique name suffix), so test files running in parallel never see each other's data.
 *
 * @example
 * const { endpoints, names } = await isolatedResources();
 * const dynamo = new DynamoDBClient(emulatorClientConfig(endpoints.dynamodb, endpoints.region));
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { EmulatorEndpoints } from '../../lib/local/emulators';
import { type ProvisionOptions, provisionResources, type ResourceNames } from '../../lib/local/provision';

let cached: Promise<EmulatorEndpoints> | undefined;

/** The shared emulators' endpoints (started on the first call of the whole run). */
export function sharedEmulators(): Promise<EmulatorEndpoints> {
  cached ??= (async () => {
    const response = await fetch(`${inject('emulatorBrokerUrl')}/emulators`);
    const body = (await response.json()) as EmulatorEndpoints | { error: string };
    if ('error' in body) throw new Error(`the shared test emulators could not start: ${body.error}`);
    return body;
  })();
  return cached;
}

/** A suffix unique to this test file's run: lower-case letters and digits, valid in table, bucket and queue names. */
export const uniqueSuffix = (): string => `t${randomBytes(5).toString('hex')}`;

/** Fresh, isolated resources on the shared emulators. */
export async function isolatedResources(
  options: Omit<ProvisionOptions, 'suffix'> = {},
): Promise<{ endpoints: EmulatorEndpoints; names: ResourceNames; suffix: string }> {
  const endpoints = await sharedEmulators();
  const suffix = uniqueSuffix();
  const names = await provisionResources(endpoints, { ...options, suffix });
  return { endpoints, names, suffix };
}
