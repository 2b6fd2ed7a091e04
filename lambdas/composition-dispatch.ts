/**
 * Wiring of postal dispatch: the dispatch repository, the SQS queue, the carrier (HTTP, secret from SSM in the cloud)
 * and the clock. Built once per process. No PDF or signing library is reachable from here.
 *
 * The parts are replaceable (`replaceDispatchParts`) for tests that run handlers in-process — a manual clock, a queue
 * that fails — the way middy passes clients in as options.
 *
 * @example
 * const deps = dispatchDeps();
 * await relayDispatches(deps);
 */
import { SSMClient } from '@aws-sdk/client-ssm';
import { HttpCarrier } from './adapters/carrier/http-carrier';
import { type SecretSource, SsmSecretSource, StaticSecretSource } from './adapters/carrier/secret-source';
import { DynamoDispatchRepository } from './adapters/dynamo/dispatch-repository';
import { SqsDispatchQueue } from './adapters/sqs/dispatch-queue';
import { once } from './composition';
import { clock } from './composition-clock';
import type { Carrier } from './ports/carrier';
import type { Clock } from './ports/clock';
import type { DispatchQueue } from './ports/dispatch-queue';
import type { DispatchRepository } from './ports/dispatch-repository';
import { carrierConfig } from './shared/carrier-config';
import { dynamoClient, sqsClient } from './shared/clients';
import { config } from './shared/config';
import type { DispatchDeps, WorkerDeps } from './use-cases/dispatch/dispatch';

interface Parts {
  clock: Clock;
  repository?: DispatchRepository;
  queue?: DispatchQueue;
  carrier?: Carrier;
  carrierSecret?: SecretSource;
}

const parts: Parts = { clock };

/**
 * Replace parts of the wiring (tests: a manual clock, a failing queue). Returns a function restoring the previous.
 *
 * @example
 * const restore = replaceDispatchParts({ clock: new ManualClock(new Date()) });
 */
export function replaceDispatchParts(replacement: Partial<Parts>): () => void {
  const previous = { ...parts };
  Object.assign(parts, replacement);
  return () => {
    for (const key of Object.keys(parts) as (keyof Parts)[]) delete parts[key];
    Object.assign(parts, previous);
  };
}

/** The clock of dispatch code (delegates, so a replaced clock takes effect everywhere at once). */
export const dispatchClock: Clock = { now: () => parts.clock.now() };

const repository = once<DispatchRepository>(() => new DynamoDispatchRepository(dynamoClient(), config().tableName));
const queue = once<DispatchQueue>(() => new SqsDispatchQueue(sqsClient(), config().dispatchQueueUrl));

const secret = once<SecretSource>(() => {
  const s = carrierConfig().secret;
  return s.kind === 'ssm'
    ? new SsmSecretSource(new SSMClient({ region: config().region }), s.parameter)
    : new StaticSecretSource(s.value);
});

const carrier = once<Carrier>(() => {
  const c = carrierConfig();
  return new HttpCarrier({
    baseUrl: c.baseUrl,
    appKey: c.appKey,
    secret: () => carrierSecret().get(),
    timeoutMs: c.timeoutMs,
  });
});

/** The carrier app secret (webhook signature checks). */
export const carrierSecret = (): SecretSource => parts.carrierSecret ?? secret();

/**
 * Deps of the outbox notify and the relay.
 *
 * @example
 * await notifyDispatches(dispatchDeps(), ids);
 */
export const dispatchDeps = (): DispatchDeps => ({
  repository: parts.repository ?? repository(),
  queue: { send: (ids) => (parts.queue ?? queue()).send(ids) },
  clock: dispatchClock,
});

/**
 * Deps of the worker and the webhook.
 *
 * @example
 * await createWaybill(workerDeps(), id);
 */
export const workerDeps = (): WorkerDeps => ({
  repository: parts.repository ?? repository(),
  carrier: {
    createWaybill: (r) => (parts.carrier ?? carrier()).createWaybill(r),
    tracking: (w) => (parts.carrier ?? carrier()).tracking(w),
  },
  clock: dispatchClock,
});
