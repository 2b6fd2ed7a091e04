/**
 * Wiring of postal dispatch: the dispatch repository, the carrier (HTTP; its secret from SSM in the cloud), and the
 * worker's outbox acknowledgement and SQS retry. No PDF, signing or S3 library is reachable from here (the parcel
 * lists, which read the certificate register, are wired in `dispatch-lists.ts`). The carrier follows the process's
 * {@link CompositionOverrides} (tests through the local runtime); deps take `parts` for direct calls.
 *
 * @example
 * await handleDispatchMessages(workerDeps(), messages);
 */
import { SSMClient } from '@aws-sdk/client-ssm';
import { HttpCarrier } from '../adapters/carrier/http-carrier';
import { type SecretSource, SsmSecretSource, StaticSecretSource } from '../adapters/carrier/secret-source';
import { DynamoDispatchRepository } from '../adapters/dynamo/dispatch-repository';
import { SqsMessageRetry } from '../adapters/sqs/message-retry';
import type { Carrier } from '../ports/carrier';
import type { DispatchRepository } from '../ports/dispatch-repository';
import { carrierConfig } from '../shared/carrier-config';
import { dynamoClient, sqsClient } from '../shared/clients';
import { config } from '../shared/config';
import type { WorkerDeps } from '../use-cases/dispatch/dispatch';
import { clock } from './clock';
import { invocationMetrics } from './metrics';
import { once } from './once';
import { outboxStore } from './outbox';
import { compositionOverrides } from './overrides';

export const dispatchRepository = once<DispatchRepository>(
  () => new DynamoDispatchRepository(dynamoClient(), config().tableName),
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

const retry = once(() => new SqsMessageRetry(sqsClient(), config().queueUrls.dispatch));

/**
 * Deps of the worker (the carrier configuration is read here: a function without it fails at cold start); `parts`
 * replace any of them.
 *
 * @example
 * await handleDispatchMessages(workerDeps(), messages);
 */
export const workerDeps = (parts: Partial<WorkerDeps> = {}): WorkerDeps => ({
  repository: dispatchRepository(),
  carrier: carrier(),
  clock,
  outbox: outboxStore(),
  retry: retry(),
  retryBaseSeconds: carrierConfig().retryBaseSeconds,
  metrics: invocationMetrics(),
  ...parts,
});

/**
 * Deps of the carrier's tracking events (the webhook); `parts` replace any of them.
 *
 * @example
 * await recordCarrierEvent(trackingDeps(), { dispatchId, waybillNo, event });
 */
export const trackingDeps = (parts: Partial<Pick<WorkerDeps, 'repository' | 'clock' | 'metrics'>> = {}) => ({
  repository: dispatchRepository(),
  clock,
  metrics: invocationMetrics(),
  ...parts,
});
