/**
 * Runs a function every N minutes: EventBridge Scheduler by default, or a classic EventBridge rule where the stage
 * says Scheduler is not offered.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Rule, Schedule as RuleSchedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import type { SchedulerKind } from '../stage-config';
import { acknowledgeScopedWildcards } from './nag';

export interface EveryMinutesProps {
  readonly fn: IFunction;
  readonly minutes: number;
  readonly kind: SchedulerKind;
  readonly description: string;
}

/**
 * A missed run is covered by the next one, so an invocation is not retried past the next run's time.
 *
 * @example
 * scheduleEveryMinutes(this, 'RelaySchedule', { fn, minutes: 5, kind: 'eventbridge-scheduler', description });
 */
export function scheduleEveryMinutes(scope: Construct, id: string, props: EveryMinutesProps): Construct {
  if (!Number.isInteger(props.minutes) || props.minutes < 1) {
    throw new Error(`${id}: scheduleMinutes must be a whole number ≥ 1, got ${props.minutes}`);
  }
  const every = Duration.minutes(props.minutes);
  if (props.kind === 'eventbridge-rule') {
    return new Rule(scope, id, {
      description: props.description,
      schedule: RuleSchedule.rate(every),
      targets: [new LambdaFunction(props.fn, { retryAttempts: 2, maxEventAge: every })],
    });
  }
  // Our own role (instead of the target's shared default) so the cdk-nag acknowledgment below names exactly it.
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
    description: `Lets EventBridge Scheduler invoke ${props.fn.node.path}`,
  });
  const target = new LambdaInvoke(props.fn, { role, retryAttempts: 2, maxEventAge: every });
  const schedule = new Schedule(scope, id, {
    description: props.description,
    schedule: ScheduleExpression.rate(every),
    target,
  });
  acknowledgeScopedWildcards(
    role,
    [`${props.fn.functionArn}:*`],
    'This role may invoke one function; grantInvoke adds <function ARN>:* so that a version or alias of that same ' +
      'function can be targeted. No other function is reachable.',
  );
  return schedule;
}
