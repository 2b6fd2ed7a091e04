/**
 * The PDF timestamper's resources in the real function registry: the `pdfTimestamps` queue mapped to it alone with
 * partial batch failures (a TSA outage fails only its messages), its timeout within the queue's visibility, the DLQ
 * redrive and its alarm, and least privilege — the table, the certificate PDFs under `certificates/` read and written
 * (never deleted), the consuming side of its own queue, no key and no other bucket.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functions } from '../../lambdas/functions';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../../lib/constructs/grants';
import { queues } from '../../lib/resources';
import { nagViolations, synth } from './support';

interface Statement {
  readonly Action: string | string[];
  readonly Resource: unknown;
}

const s = synth();
const t = s.statelessTemplate;
const json = (v: unknown) => JSON.stringify(v);

const fn = s.stateless.functions.get('pdf-timestamper');
const functionId = s.stateless.getLogicalId(fn?.function.node.defaultChild as never);
const roleId = s.stateless.getLogicalId(fn?.role.node.defaultChild as never);
const statements: Statement[] = Object.values(t.findResources('AWS::IAM::Policy'))
  .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
  .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
const actions = new Set(statements.flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action])));

describe('the PDF timestamper', () => {
  it('is the one consumer of the pdfTimestamps queue: partial batch failures, batches of 10, at most 2 at once', () => {
    // Prepare
    const fromQueue = Object.values(t.findResources('AWS::Lambda::EventSourceMapping')).filter((m) =>
      json(m.Properties.EventSourceArn).includes(queues.pdfTimestamps.id),
    );

    // Assess
    expect(fromQueue).toHaveLength(1);
    expect(fromQueue[0]?.Properties).toMatchObject({
      FunctionName: { Ref: functionId },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 0,
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('has a timeout whose sixfold fits the queue’s visibility timeout', () => {
    const timeout = functions.find((f) => f.name === 'pdf-timestamper')?.timeoutSeconds ?? 0;
    expect(timeout).toBeGreaterThan(0);
    expect(timeout * 6).toBeLessThanOrEqual(queues.pdfTimestamps.visibilityTimeoutSeconds);
  });

  it('redrives to its DLQ after maxReceiveCount, and one dead letter raises the alarm', () => {
    s.statefulTemplate.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: Match.objectLike({ maxReceiveCount: queues.pdfTimestamps.deadLetter.maxReceiveCount }),
      VisibilityTimeout: queues.pdfTimestamps.visibilityTimeoutSeconds,
    });
    s.statefulTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [Match.stringLikeRegexp(queues.pdfTimestamps.deadLetter.id), 'QueueName'] },
        },
      ],
    });
  });

  it('may read and write the table, read and put certificate PDFs under certificates/, and consume its queue — nothing else', () => {
    // Prepare
    const s3 = statements.filter((st) => json(st.Action).includes('s3:'));

    // Assess
    for (const a of [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]) expect(actions.has(a)).toBe(true);
    expect([...actions].filter((a) => a.startsWith('s3:Delete'))).toEqual([]);
    expect(actions.has('s3:GetObject')).toBe(true);
    expect(actions.has('s3:PutObject')).toBe(true);
    for (const st of s3) expect(json(st.Resource)).toMatch(/CertificatesBucket/);
    expect(json(s3.map((st) => st.Resource))).toContain('/certificates/*');
    expect([...actions].filter((a) => a.startsWith('sqs:')).sort()).toEqual([
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
    ]);
    expect([...actions].some((a) => /^(kms|ssm):/.test(a) || a === 'dynamodb:Scan')).toBe(false);
  });

  it('leaves no unacknowledged cdk-nag finding', () => {
    expect(nagViolations(s.stateless).filter((v) => v.paths.some((p) => /PdfTimestamper/.test(p)))).toEqual([]);
  });
});
