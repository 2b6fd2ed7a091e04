/**
 * A timer for functions with `scheduleMinutes`: every N minutes, invoke the function with the event an EventBridge
 * schedule rule delivers (`detail-type: 'Scheduled Event'`). In the cloud EventBridge Scheduler may deliver a
 * different payload, so scheduled handlers must not depend on the event's content — only on being called.
 * Like the cloud, a run does not wait for the previous one.
 *
 * @example
 * const runner = startScheduleRunner({ definition, handler, region, accountId, log });
 * await runner.runNow(); // tests: no waiting for the timer
 * await runner.stop();
 */
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import type { FunctionDefinition } from '../../lambdas/functions';
import { localArn } from './arn';
import { type InvokeOutcome, invokeHandler, type LambdaHandler } from './handlers';
import type { RuntimeLog } from './log';

export interface ScheduleRunnerOptions {
  readonly definition: FunctionDefinition;
  readonly handler: LambdaHandler;
  readonly region: string;
  readonly accountId: string;
  readonly log: RuntimeLog;
  /** Override the period (tests); defaults to `scheduleMinutes` minutes. */
  readonly intervalMs?: number;
}

export interface ScheduleRunner {
  readonly runs: number;
  /** Invoke now, as the timer would; resolves with the outcome. */
  runNow(): Promise<InvokeOutcome>;
  /** Stop the timer and wait for runs in progress. */
  stop(): Promise<void>;
}

/**
 * The event an EventBridge schedule rule delivers.
 *
 * @example
 * scheduledEvent(definition, 'cn-north-1', '000000000000')['detail-type']; // 'Scheduled Event'
 */
export function scheduledEvent(
  definition: FunctionDefinition,
  region: string,
  accountId: string,
  at = new Date(),
): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: accountId,
    time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [localArn(region, accountId, 'events', `rule/permit-local-${definition.name}`)],
    detail: {},
  };
}

/**
 * Start the timer for one scheduled function.
 *
 * @example
 * const runner = startScheduleRunner({ definition, handler, region, accountId, log, intervalMs: 50 });
 */
export function startScheduleRunner(options: ScheduleRunnerOptions): ScheduleRunner {
  const minutes = options.definition.scheduleMinutes;
  const period = options.intervalMs ?? (minutes ? minutes * 60_000 : undefined);
  if (!period || period <= 0) throw new Error(`function ${options.definition.name} has no schedule`);
  const inFlight = new Set<Promise<InvokeOutcome>>();
  let runs = 0;
  const runNow = (): Promise<InvokeOutcome> => {
    runs++;
    const run = invokeHandler(options.handler, scheduledEvent(options.definition, options.region, options.accountId), {
      definition: options.definition,
      region: options.region,
      accountId: options.accountId,
    }).then((outcome) => {
      if (outcome.status !== 'ok') {
        options.log.error('scheduled function failed', {
          function: options.definition.name,
          ...(outcome.status === 'error' ? { error: outcome.error } : { error: 'timed out' }),
        });
      }
      return outcome;
    });
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    return run;
  };
  const timer = setInterval(() => void runNow(), period);
  return {
    get runs() {
      return runs;
    },
    runNow,
    stop: async () => {
      clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}
