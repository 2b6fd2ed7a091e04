/**
 * Start what triggers functions besides HTTP: an SQS poller per queue-triggered function and a timer per scheduled
 * one, as the cloud's event source mappings and schedules would.
 *
 * @example
 * const sources = startEventSources({ registry, handlers, names, endpoints, log });
 * await sources.stop();
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionDefinition } from '../../lambdas/functions';
import { emulatorClientConfig } from './aws-clients';
import { type EmulatorEndpoints, LOCAL_ACCOUNT_ID } from './emulators';
import type { LambdaHandler } from './handlers';
import type { RuntimeLog } from './log';
import type { QueueKey, ResourceNames } from './provision';
import { type ScheduleRunner, startScheduleRunner } from './scheduler';
import { type SqsPoller, startSqsPoller } from './sqs-poller';

export interface EventSourcesInput {
  readonly registry: readonly FunctionDefinition[];
  /** Loaded handlers by function name. */
  readonly handlers: ReadonlyMap<string, LambdaHandler>;
  readonly names: ResourceNames;
  readonly endpoints: EmulatorEndpoints;
  readonly log: RuntimeLog;
  /** Poll queues (default true). */
  readonly pollers?: boolean;
  /** Run timers (default true); `{ intervalMs }` overrides every period. */
  readonly schedules?: boolean | { readonly intervalMs: number };
}

export interface EventSources {
  readonly pollers: ReadonlyMap<string, SqsPoller>;
  readonly schedules: ReadonlyMap<string, ScheduleRunner>;
  /** Stop timers and pollers, waiting for invocations in progress. */
  stop(): Promise<void>;
}

/**
 * Start pollers and timers for the registry's queue-triggered and scheduled functions.
 *
 * @example
 * const { pollers, stop } = startEventSources({ registry, handlers, names, endpoints, log, schedules: false });
 */
export function startEventSources(input: EventSourcesInput): EventSources {
  const { endpoints, log } = input;
  const handlerOf = (definition: FunctionDefinition) => {
    const handler = input.handlers.get(definition.name);
    if (!handler) throw new Error(`function ${definition.name} was not loaded`);
    return handler;
  };
  const pollers = new Map<string, SqsPoller>();
  let client: SQSClient | undefined;
  const queued = input.registry.filter((d) => d.queue !== undefined);
  if ((input.pollers ?? true) && queued.length > 0) {
    client = new SQSClient(emulatorClientConfig(endpoints.sqs, endpoints.region));
    for (const definition of queued) {
      const poller = startSqsPoller({
        definition,
        handler: handlerOf(definition),
        queue: input.names.queues[definition.queue as QueueKey],
        client,
        region: endpoints.region,
        accountId: LOCAL_ACCOUNT_ID,
        log,
      });
      pollers.set(definition.name, poller);
    }
  }
  const schedules = new Map<string, ScheduleRunner>();
  if (input.schedules ?? true) {
    const intervalMs = typeof input.schedules === 'object' ? input.schedules.intervalMs : undefined;
    for (const definition of input.registry.filter((d) => d.scheduleMinutes !== undefined)) {
      const runner = startScheduleRunner({
        definition,
        handler: handlerOf(definition),
        region: endpoints.region,
        accountId: LOCAL_ACCOUNT_ID,
        log,
        ...(intervalMs ? { intervalMs } : {}),
      });
      schedules.set(definition.name, runner);
    }
  }
  return {
    pollers,
    schedules,
    stop: async () => {
      await Promise.all([...schedules.values(), ...pollers.values()].map((source) => source.stop()));
      client?.destroy();
    },
  };
}
