/**
 * Wiring of postal dispatch: the dispatch repository, the SQS queue, the carrier (HTTP; its secret from SSM in the
 * cloud) and the clock. No PDF or signing library is reachable from here. The queue and the carrier follow the
 * process's {@link CompositionOverrides} (tests through the local runtime); deps take `parts` for direct calls.
 *
 * @example
 * await relayDispatches(dispatchDeps());
 * await createWaybills(workerDeps(), ids);
 */
import { SSMClient } from '@aws-sdk/client-ssm';
import { HttpCarrier } from '../adapters/carrier/http-carrier';
import { type SecretSource, SsmSecretSource, StaticSecretSource } from '../adapters/carrier/secret-source';
import { DynamoDispatchRepository } from '../adapters/dynamo/dispatch-repository';
import { SqsDispatchQueue } from '../adapters/sqs/dispatch-queue';
import type { Carrier } from '../ports/carrier';
import type { DispatchQueue } from '../ports/dispatch-queue';
import type { DispatchRepository } from '../ports/dispatch-repository';
import { carrierConfig } from '../shared/carrier-config';
import { dynamoClient, sqsClient } from '../shared/clients';
import { config } from '../shared/config';
import type { DispatchDeps, WorkerDeps } from '../use-cases/dispatch/dispatch';
import { clock } from './clock';
import { once } from './once';
import { compositionOverrides } from './overrides';

export const dispatchRepository = once<DispatchRepository>(
  () => new DynamoDispatchRepository(dynamoClient(), config().tableName),
);

export const dispatchQueue = once<DispatchQueue>(
  () => compositionOverrides().dispatchQueue ?? new SqsDispatchQueue(sqsClient(), config().dispatchQueueUrl),
);

/** The carrier app secret: signs calls to the carrier and checks its webhook's signatures. */
export const carrierSecret = once<SecretSource>(() => {
  const s = carrierConfig().secret;
  return s.kind === 'ssm'
    ? new SsmSecretSource(new SSMClient({ region: config().region }), s.parameter)
    : new StaticSecretSource(s.value);
});

export const carrier = once<Carrier>(() => {
  const overridden = compositionOverrides().carrier;
  if (overridden) return overridden;
  const c = carrierConfig();
  return new HttpCarrier({
    baseUrl: c.baseUrl,
    appKey: c.appKey,
    secret: () => carrierSecret().get(),
    timeoutMs: c.timeoutMs,
  });
});

/**
 * Deps of the post-commit notify and the relay; `parts` replace any of them.
 *
 * @example
 * await relayDispatches(dispatchDeps({ clock }));
 */
export const dispatchDeps = (parts: Partial<DispatchDeps> = {}): DispatchDeps => ({
  repository: dispatchRepository(),
  queue: dispatchQueue(),
  clock,
  ...parts,
});

/**
 * Deps of the worker and the webhook; `parts` replace any of them.
 *
 * @example
 * await createWaybill(workerDeps(), 'DSP-20260000001');
 */
export const workerDeps = (parts: Partial<WorkerDeps> = {}): WorkerDeps => ({
  repository: dispatchRepository(),
  carrier: carrier(),
  clock,
  ...parts,
});
