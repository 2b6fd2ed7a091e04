/**
 * The postal-dispatch resources of the real function registry: the worker's SQS trigger with partial batch
 * responses, the relay's schedule, the DLQ-depth alarm, least-privilege grants (the carrier secret readable from
 * exactly one SSM parameter, by exactly the functions that need it), the carrier settings in the environment, and
 * no unacknowledged cdk-nag finding.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functions } from '../../lambdas/functions';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../../lib/constructs/grants';
import { queues } from '../../lib/resources';
import { selectStage } from '../../lib/stage-config';
import { nagViolations, synth } from './support';

interface Statement {
  readonly Action: string | string[];
  readonly Resource: unknown;
}

const dev = selectStage('dev');
const s = synth({ stage: dev });
const t = s.statelessTemplate;

const fnOf = (name: string) => {
  const fn = s.stateless.functions.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  return fn;
};
const functionId = (name: string) => s.stateless.getLogicalId(fnOf(name).function.node.defaultChild as never);
function statementsOf(name: string): Statement[] {
  const roleId = s.stateless.getLogicalId(fnOf(name).role.node.defaultChild as never);
  return Object.values(t.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (name: string): string[] =>
  statementsOf(name).flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));
const json = (v: unknown) => JSON.stringify(v);

describe('dispatch infrastructure', () => {
  it('triggers the worker from the dispatch queue in batches of 10 with partial batch responses', () => {
    // Assess
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId('dispatch-worker') },
      BatchSize: queues.dispatch.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('DispatchQueue') },
    });
    const fromDispatchQueue = Object.values(t.findResources('AWS::Lambda::EventSourceMapping')).filter((m) =>
      json(m.Properties.EventSourceArn).includes(queues.dispatch.id),
    );
    expect(fromDispatchQueue).toHaveLength(1);
  });

  it('gives the worker a timeout whose sixfold fits the queue visibility timeout', () => {
    // Assess
    const timeout = functions.find((f) => f.name === 'dispatch-worker')?.timeoutSeconds ?? 0;
    expect(timeout * 6).toBeLessThanOrEqual(queues.dispatch.visibilityTimeoutSeconds);
    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('waybill'),
      Timeout: timeout,
    });
  });

  it('runs the relay every minute with EventBridge Scheduler', () => {
    // Assess
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      Target: { Arn: { 'Fn::GetAtt': [functionId('outbox-relay'), 'Arn'] } },
    });
  });

  it('alarms on one message in the dispatch DLQ and notifies the alarm topic', () => {
    // Assess
    s.statefulTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('Alarm') }],
    });
    s.statefulTemplate.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { maxReceiveCount: queues.dispatch.deadLetter.maxReceiveCount },
      VisibilityTimeout: queues.dispatch.visibilityTimeoutSeconds,
    });
  });

  it('grants the worker table read/write, queue consume and the one carrier-secret parameter — nothing else', () => {
    // Act
    const actions = new Set(actionsOf('dispatch-worker'));

    // Assess
    for (const a of [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]) expect(actions.has(a)).toBe(true);
    expect([...actions].filter((a) => a.startsWith('sqs:')).sort()).toEqual([
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
    ]);
    expect([...actions].filter((a) => a.startsWith('ssm:'))).toEqual(['ssm:GetParameter']);
    expect([...actions].some((a) => /^(s3|kms):/.test(a) || a === 'dynamodb:Scan')).toBe(false);
    const ssm = statementsOf('dispatch-worker').find((st) => json(st.Action).includes('ssm:'));
    expect(json(ssm?.Resource)).toContain(':parameter/permit/dev/carrier/app-secret');
    expect(json(ssm?.Resource)).toContain('AWS::Partition');
  });

  it('grants the relay table read/write and queue send only; the webhook no queue; the lists read only', () => {
    // Act
    const relay = actionsOf('outbox-relay');
    const webhook = actionsOf('carrier-events');
    const lists = actionsOf('dispatches');

    // Assess
    expect(relay.filter((a) => a.startsWith('sqs:')).sort()).toEqual([
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
    expect(relay.some((a) => a.startsWith('ssm:'))).toBe(false);
    expect(webhook.some((a) => a.startsWith('sqs:'))).toBe(false);
    expect(webhook).toContain('ssm:GetParameter');
    expect(lists.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([...TABLE_READ_ACTIONS].sort());
    expect(lists.some((a) => /^(sqs|s3|kms):/.test(a))).toBe(false);
    // The one SSM read of a list function: the cursor key set (test/infra/cursor-keys.test.ts).
    expect(lists.filter((a) => a.startsWith('ssm:'))).toEqual(['ssm:GetParameter']);
    expect(actionsOf('issue-certificate')).toContain('sqs:SendMessage');
  });

  it('routes the carrier webhook without an authorizer and the parcel lists with the JWT authorizer', () => {
    // Assess
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'POST /v1/carrier/events',
      AuthorizationType: 'NONE',
    });
    for (const key of ['GET /v1/me/dispatches', 'GET /v1/dispatches', 'GET /v1/certificates/{licenceNo}/dispatches']) {
      t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key, AuthorizationType: 'JWT' });
    }
  });

  it('hands the carrier base URL, app key and secret parameter name (never the secret) to the functions', () => {
    // Assess
    t.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: Match.absent(),
      Environment: {
        Variables: Match.objectLike({
          CARRIER_BASE_URL: dev.carrier.baseUrl,
          CARRIER_APP_KEY: dev.carrier.appKey,
          CARRIER_SECRET_PARAMETER: dev.carrier.secretParameterName,
        }),
      },
    });
    expect(json(t.toJSON())).not.toContain('CARRIER_APP_SECRET');
  });

  it('leaves no unacknowledged cdk-nag finding on the dispatch functions', () => {
    // Act
    const violations = [...nagViolations(s.stateless), ...nagViolations(s.stateful)].filter((v) =>
      v.paths.some((p) => /Dispatch|CarrierEvents|Outbox/.test(p)),
    );

    // Assess
    expect(violations).toEqual([]);
  });
});
