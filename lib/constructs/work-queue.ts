/**
 * One SQS work queue and its dead-letter queue, built from a `lib/resources.ts` definition, with an alarm that fires
 * as soon as a single message lands in the DLQ (a message there is a parcel that was not sent).
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueDefinition } from '../resources';

export interface WorkQueueProps {
  readonly definition: QueueDefinition;
  /** Topic the DLQ-depth alarm notifies. */
  readonly alarmTopic: ITopic;
}

// SSE-SQS: encrypted at rest with no key policy to maintain and no kms grants for producers and consumers.
const QUEUE_DEFAULTS = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;

/**
 * @example
 * const dispatch = new WorkQueue(this, 'Dispatch', { definition: queues.dispatch, alarmTopic });
 * dispatch.queue.grantSendMessages(fn);
 */
export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const def = props.definition;
    this.deadLetterQueue = new Queue(this, def.deadLetter.id, {
      ...QUEUE_DEFAULTS,
      retentionPeriod: Duration.days(def.deadLetter.retentionDays),
    });
    this.queue = new Queue(this, def.id, {
      ...QUEUE_DEFAULTS,
      visibilityTimeout: Duration.seconds(def.visibilityTimeoutSeconds),
      receiveMessageWaitTime: Duration.seconds(def.receiveWaitTimeSeconds),
      retentionPeriod: Duration.days(def.retentionDays),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: def.deadLetter.maxReceiveCount },
    });
    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription: `Messages in ${def.deadLetter.localName}: work that failed ${def.deadLetter.maxReceiveCount} times. Inspect and re-drive with \`npm run dlq\`. Runbook: docs/operations.md#dead-letter-queues`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // SQS publishes no datapoints for an idle queue: silence means empty, not broken.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(props.alarmTopic);
    this.deadLetterAlarm.addAlarmAction(action);
    this.deadLetterAlarm.addOkAction(action);
  }
}
