import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functions } from '../../lambdas/functions';
import { TABLE_READ_ACTIONS } from '../../lib/constructs/grants';
import { table } from '../../lib/resources';
import { fixtureRegistry } from './fixtures';
import { type Synthesised, synth } from './support';

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

const s = synth({ registry: fixtureRegistry });
/** The real registry's stacks, synthesised once for every describe below that reads them. */
const real = synth();

/** The statements of a function's role, by registry name. */
function statementsOf(synthesised: Synthesised, name: string): Statement[] {
  const fn = synthesised.stateless.functions.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  const roleId = synthesised.stateless.getLogicalId(fn.role.node.defaultChild as never);
  const policies = Object.values(synthesised.statelessTemplate.findResources('AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId),
  );
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

const actions = (st: Statement): string[] => (Array.isArray(st.Action) ? st.Action : [st.Action]);
const resources = (st: Statement): unknown[] => (Array.isArray(st.Resource) ? st.Resource : [st.Resource]);
const allActions = (sts: Statement[]): string[] => sts.flatMap(actions);
const json = (v: unknown): string => JSON.stringify(v);
const exportOf = (name: RegExp) => (r: unknown) => name.test(json(r));

describe('least privilege', () => {
  it('uses "*" only for X-Ray, which has no resource-level permissions', () => {
    for (const def of fixtureRegistry) {
      for (const st of statementsOf(s, def.name)) {
        if (resources(st).includes('*')) expect(actions(st).every((a) => a.startsWith('xray:'))).toBe(true);
      }
    }
  });

  it('grants no wildcard actions and no Allow of s3:Delete*, dynamodb:Scan or kms:* anywhere', () => {
    const every = fixtureRegistry.flatMap((d) => allActions(statementsOf(s, d.name)));
    expect(every.filter((a) => a.includes('*'))).toEqual([]);
    expect(every.filter((a) => /^s3:Delete|^dynamodb:Scan$|^kms:(Decrypt|Encrypt|Create|Delete|Put)/.test(a))).toEqual(
      [],
    );
  });

  it('a `sign` grant yields kms:Sign and kms:GetPublicKey on exactly the signing key', () => {
    const kms = statementsOf(s, 'fx-issue').filter((st) => actions(st).some((a) => a.startsWith('kms:')));
    expect(kms).toHaveLength(1);
    expect(actions(kms[0] as Statement).sort()).toEqual(['kms:GetPublicKey', 'kms:Sign']);
    expect(resources(kms[0] as Statement)).toHaveLength(1);
    expect(json(kms[0]?.Resource)).toMatch(/^\{"Fn::ImportValue":"[^"]*CertificateSigningKey[^"]*Arn/);
  });

  it('a `verify` grant yields kms:GetPublicKey only, and read-only table access', () => {
    const sts = statementsOf(s, 'fx-verify');
    expect(allActions(sts).filter((a) => a.startsWith('kms:'))).toEqual(['kms:GetPublicKey']);
    const dynamo = allActions(sts).filter((a) => a.startsWith('dynamodb:'));
    expect(dynamo.sort()).toEqual([...TABLE_READ_ACTIONS].sort());
    expect(allActions(sts).some((a) => a.startsWith('s3:') || a.startsWith('sqs:'))).toBe(false);
  });

  it('table reads cover the table and each GSI by name; writes cover the table only', () => {
    const sts = statementsOf(s, 'fx-issue');
    const read = sts.find((st) => actions(st).includes('dynamodb:Query'));
    const write = sts.find((st) => actions(st).includes('dynamodb:PutItem'));
    expect(resources(read as Statement).map(json)).toEqual([
      expect.stringMatching(/PermitTable/),
      ...table.globalIndexes.map((i) => expect.stringContaining(`/index/${i.indexName}"`)),
    ]);
    expect(resources(write as Statement)).toHaveLength(1);
    expect(json(write?.Resource)).not.toMatch(/index/);
  });

  it('bucket `write` is PutObject on one bucket’s objects; `read` adds GetObject and ListBucket', () => {
    const issue = statementsOf(s, 'fx-issue').filter((st) => actions(st).some((a) => a.startsWith('s3:')));
    expect(allActions(issue).sort()).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
    for (const st of issue) expect(resources(st).every(exportOf(/CertificatesBucket/))).toBe(true);
    const relay = statementsOf(s, 'fx-dispatch-relay').filter((st) => actions(st).some((a) => a.startsWith('s3:')));
    expect(allActions(relay).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    for (const st of relay) expect(resources(st).every(exportOf(/DocumentsBucket/))).toBe(true);
  });

  it('queue `send` may only send; the worker may only consume', () => {
    const relay = allActions(statementsOf(s, 'fx-dispatch-relay')).filter((a) => a.startsWith('sqs:'));
    expect(relay.sort()).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
    const worker = allActions(statementsOf(s, 'fx-dispatch-worker')).filter((a) => a.startsWith('sqs:'));
    expect(worker).not.toContain('sqs:SendMessage');
    expect(worker).toContain('sqs:DeleteMessage');
  });

  it('each function writes only to its own log group', () => {
    for (const def of fixtureRegistry) {
      const logs = statementsOf(s, def.name).filter((st) => actions(st).some((a) => a.startsWith('logs:')));
      expect(logs).toHaveLength(1);
      expect(json(logs[0]?.Resource)).toMatch(/^\{"Fn::GetAtt":\["[A-Za-z0-9]*Logs[A-Za-z0-9]*","Arn"\]\}$/);
    }
  });
});

describe('least privilege, real registry', () => {
  it('the openapi function has no data access at all', () => {
    const sts = statementsOf(real, 'openapi');
    expect(allActions(sts).filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:'))).toEqual([]);
  });

  it('only the orphan sweep may delete: DeleteObject under certificates/, listing limited to that prefix', () => {
    // Prepare
    const deleters = functions.filter((def) =>
      allActions(statementsOf(real, def.name)).some((a) => a.startsWith('s3:Delete')),
    );
    const s3 = statementsOf(real, 'sweep-orphan-pdfs').filter((st) => actions(st).some((a) => a.startsWith('s3:')));
    const list = s3.find((st) => actions(st).includes('s3:ListBucket')) as Statement & { Condition?: unknown };
    const remove = s3.find((st) => actions(st).includes('s3:DeleteObject')) as Statement;

    // Assess
    expect(deleters.map((d) => d.name)).toEqual(['sweep-orphan-pdfs']);
    expect(allActions(s3).sort()).toEqual(['s3:DeleteObject', 's3:ListBucket']);
    expect(list.Condition).toEqual({ StringLike: { 's3:prefix': ['certificates/*'] } });
    expect(resources(list)).toHaveLength(1);
    expect(json(list.Resource)).toMatch(/CertificatesBucket/);
    expect(json(list.Resource)).not.toContain('/*');
    expect(resources(remove)).toHaveLength(1);
    expect(json(remove.Resource)).toMatch(/CertificatesBucket.*\/certificates\/\*/);
    expect(
      allActions(statementsOf(real, 'sweep-orphan-pdfs'))
        .filter((a) => a.startsWith('dynamodb:'))
        .sort(),
    ).toEqual([...TABLE_READ_ACTIONS].sort());
  });

  it('every registry grant maps to statements (no entry silently ignored)', () => {
    for (const def of functions) {
      const granted = allActions(statementsOf(real, def.name));
      if (def.grants.table) expect(granted).toContain('dynamodb:GetItem');
      if (Object.keys(def.grants.buckets ?? {}).length > 0) expect(granted.some((a) => a.startsWith('s3:'))).toBe(true);
      if (Object.keys(def.grants.queues ?? {}).length > 0) expect(granted.some((a) => a.startsWith('sqs:'))).toBe(true);
      if (Object.keys(def.grants.parameters ?? {}).length > 0) expect(granted).toContain('ssm:GetParameter');
      if (def.grants.signingKey || def.grants.logKey) expect(granted).toContain('kms:GetPublicKey');
      if (def.grants.webhookSecrets) expect(granted.some((a) => a === 'kms:Encrypt' || a === 'kms:Decrypt')).toBe(true);
    }
  });
});

describe('least privilege, the transparency log', () => {
  const kmsStatements = (name: string) =>
    statementsOf(real, name).filter((st) => actions(st).some((a) => a.startsWith('kms:')));
  const onLogKey = (st: Statement) => exportOf(/TransparencyLogKey/)(st.Resource);

  it('only the sequencer may sign with the log key: kms:Sign and kms:GetPublicKey on that key alone', () => {
    // Prepare
    const signers = functions.filter((def) =>
      kmsStatements(def.name).some((st) => onLogKey(st) && actions(st).includes('kms:Sign')),
    );
    const sequencerKms = kmsStatements('log-sequencer');

    // Assess
    expect(signers.map((d) => d.name)).toEqual(['log-sequencer']);
    expect(sequencerKms).toHaveLength(1);
    expect(actions(sequencerKms[0] as Statement).sort()).toEqual(['kms:GetPublicKey', 'kms:Sign']);
    expect(resources(sequencerKms[0] as Statement)).toHaveLength(1);
    expect(json(sequencerKms[0]?.Resource)).toMatch(/^\{"Fn::ImportValue":"[^"]*TransparencyLogKey[^"]*Arn/);
    // No other function holds any action at all on the log key.
    for (const def of functions.filter((d) => d.name !== 'log-sequencer')) {
      expect(kmsStatements(def.name).filter(onLogKey), def.name).toEqual([]);
    }
  });

  it('the sequencer writes only under log/ in the log bucket, and touches no other bucket', () => {
    // Prepare
    const s3 = statementsOf(real, 'log-sequencer').filter((st) => actions(st).some((a) => a.startsWith('s3:')));

    // Assess
    expect(allActions(s3)).toEqual(['s3:PutObject']);
    expect(resources(s3[0] as Statement)).toHaveLength(1);
    expect(json(s3[0]?.Resource)).toMatch(/TransparencyLogBucket.*\/log\/\*/);
  });

  it('transparency-log reads objects under log/ in the log bucket and can do nothing else', () => {
    // Prepare
    const sts = statementsOf(real, 'transparency-log');
    const data = sts.filter((st) => actions(st).some((a) => !a.startsWith('logs:') && !a.startsWith('xray:')));
    const get = data.find((st) => actions(st).includes('s3:GetObject')) as Statement;
    const list = data.find((st) => actions(st).includes('s3:ListBucket')) as Statement;

    // Assess
    expect(allActions(data).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(data).toHaveLength(2);
    expect(resources(get)).toHaveLength(1);
    expect(json(get.Resource)).toMatch(/TransparencyLogBucket.*\/log\/\*/);
    // Listing (a missing tile answers 404, not 403) is on the log bucket itself, which holds only the log.
    expect(resources(list)).toHaveLength(1);
    expect(json(list.Resource)).toMatch(/TransparencyLogBucket/);
    expect(json(list.Resource)).not.toContain('/*');
  });

  it.each(['verify', 'verify-file'])(
    '%s, which serves the log key from the table, still has no bucket and no KMS grant',
    (name) => {
      // Prepare
      const granted = allActions(statementsOf(real, name));

      // Assess
      expect(granted.filter((a) => /^(s3|kms|sqs):/.test(a))).toEqual([]);
      expect(granted.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([...TABLE_READ_ACTIONS].sort());
      // The file verifier reads the PDF-signature trust anchors, one parameter; the QR verifier reads none.
      const ssm = statementsOf(real, name).filter((st) => json(st.Action).includes('ssm:'));
      if (name === 'verify') expect(ssm).toEqual([]);
      else {
        expect(granted.filter((a) => a.startsWith('ssm:'))).toEqual(['ssm:GetParameter']);
        expect(json(ssm.map((st) => st.Resource))).toContain('pades/trust-anchors');
        expect(json(ssm.map((st) => st.Resource))).not.toContain('pades/certificates');
      }
    },
  );
});

describe('the transparency log’s alarm', () => {
  it('a verification that finds an entry missing from the log raises the alarm: a filter on verify’s log, one line', () => {
    // Assess
    real.statelessTemplate.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.message = "transparency log entry missing" }',
      LogGroupName: Match.objectLike({ Ref: Match.stringLikeRegexp('^VerifyFunctionLogs') }),
      MetricTransformations: [Match.objectLike({ MetricName: 'TransparencyLogEntryMissing', MetricValue: '1' })],
    });
    // The file verifier answers with inclusion proofs too, so its log raises the same alarm.
    real.statelessTemplate.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.message = "transparency log entry missing" }',
      LogGroupName: Match.objectLike({ Ref: Match.stringLikeRegexp('^VerifyFileFunctionLogs') }),
      MetricTransformations: [Match.objectLike({ MetricName: 'TransparencyLogEntryMissingFile', MetricValue: '1' })],
    });
    real.statelessTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'TransparencyLogEntryMissing',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [Match.anyValue()],
    });
  });
});

describe('the webhooks’ alarms', () => {
  it.each([
    ['webhook subscriber disabled', 'WebhookSubscriberDisabled'],
    ['webhook delivery exhausted', 'WebhookDeliveryExhausted'],
  ])('“%s” on the worker’s log raises %s to the alarm topic', (message, metric) => {
    // Assess
    real.statelessTemplate.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: `{ $.message = "${message}" }`,
      LogGroupName: Match.objectLike({ Ref: Match.stringLikeRegexp('^WebhookWorkerFunctionLogs') }),
      MetricTransformations: [Match.objectLike({ MetricName: metric, MetricValue: '1' })],
    });
    real.statelessTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: metric,
      Threshold: 1,
      AlarmActions: [Match.anyValue()],
    });
  });

  it('the worker may open webhook secrets, send to the webhooks queue and its DLQ, and nothing on any bucket', () => {
    // Prepare
    const granted = allActions(statementsOf(real, 'webhook-worker'));

    // Assess
    expect(granted.filter((a) => a.startsWith('s3:'))).toEqual([]);
    expect(granted).toContain('kms:Decrypt');
    expect(granted).not.toContain('kms:Encrypt');
    expect(granted).not.toContain('kms:Sign');
  });
});

describe('ops-gauges (issue 21)', () => {
  it('reads the table without writing, and only the depth of each dead-letter queue, every 5 minutes', () => {
    // Prepare
    const statements = statementsOf(real, 'ops-gauges');
    const sqs = statements.filter((st) => actions(st).some((a) => a.startsWith('sqs:')));
    const definition = functions.find((f) => f.name === 'ops-gauges');

    // Assess
    expect(definition?.scheduleMinutes).toBe(5);
    const granted = allActions(statements);
    expect(granted.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([...TABLE_READ_ACTIONS].sort());
    expect(granted.filter((a) => /^(s3|kms|ssm):/.test(a))).toEqual([]);
    expect(sqs.flatMap(actions)).toEqual(sqs.map(() => 'sqs:GetQueueAttributes'));
    const targets = sqs.flatMap(resources).map(json);
    expect(targets).toHaveLength(6);
    for (const target of targets) expect(target).toMatch(/DeadLetterQueue/);
  });
});
