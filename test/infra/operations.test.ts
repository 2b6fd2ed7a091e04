import { readFileSync } from 'node:fs';
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { VERDICTS } from '../../lambdas/domain/verification/model';
import { HOT_FUNCTIONS, PERMIT_METRICS, RUNBOOK_SECTIONS } from '../../lib/constructs/operations-dashboard';
import { PROJECT_ROOT } from '../../lib/constructs/permit-function';
import { queues } from '../../lib/resources';
import { DEFAULT_ALARM_THRESHOLDS, selectStage } from '../../lib/stage-config';
import { fixtureRegistry } from './fixtures';
import { logicalIdOf, synth } from './support';

const dev = selectStage('dev');
const real = synth({ stage: dev });
const t = real.statelessTemplate;
const service = { Name: 'service', Value: 'permit' };

type Resource = { Properties: Record<string, unknown> };

/** The alarm whose description starts with `prefix` (one and only one). */
function alarmStartingWith(template: Template, prefix: string): Resource {
  const found = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((a) =>
    String(a.Properties.AlarmDescription).startsWith(prefix),
  );
  expect(found, prefix).toHaveLength(1);
  return found[0] as Resource;
}

/** The dashboard body as JSON, each CloudFormation reference inside it replaced by `<ref>`. */
function dashboardBody(template: Template): {
  widgets: { type: string; properties: { title?: string; metrics?: unknown[][]; markdown?: string } }[];
} {
  const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0]?.Properties.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
  const text =
    typeof body === 'string' ? body : body['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : '<ref>')).join('');
  return JSON.parse(text);
}

const widgetTitled = (prefix: string) => {
  const w = dashboardBody(t).widgets.find((x) => x.properties.title?.startsWith(prefix));
  if (!w) throw new Error(`no widget titled ${prefix}`);
  return w;
};
/** `[namespace, metricName, …dimensions]` of each plain metric line in a widget (expressions left out). */
const metricLines = (prefix: string): string[][] =>
  (widgetTitled(prefix).properties.metrics ?? [])
    .filter((m) => typeof m[0] === 'string' && m[0] !== '...')
    .map((m) => m.filter((x): x is string => typeof x === 'string'));

const topicImport = { 'Fn::ImportValue': expect.stringMatching(/AlarmsTopic/) };

describe('operations dashboard', () => {
  it('is one dashboard named after the stage', () => {
    t.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    t.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'Permit-dev-operations' });
  });

  it('shows the HTTP API’s requests, 5xx and 5xx rate', () => {
    const apiId = logicalIdOf(t, 'AWS::ApiGatewayV2::Api');
    expect(metricLines('HTTP API: requests')).toEqual([
      ['AWS/ApiGateway', 'Count', 'ApiId', '<ref>'],
      ['AWS/ApiGateway', '5xx', 'ApiId', '<ref>'],
    ]);
    expect(JSON.stringify(widgetTitled('HTTP API: 5xx rate'))).toContain('IF(requests >= 20');
    expect(JSON.stringify(t.findResources('AWS::CloudWatch::Dashboard'))).toContain(apiId);
  });

  it('shows verification p50/p99, every verdict kind, issuance latency and the dispatch outcomes', () => {
    const p = PERMIT_METRICS.namespace;
    expect(metricLines('Verification latency')).toEqual([
      [p, 'VerificationLatency', 'service', 'permit'],
      [p, 'VerificationLatency', 'service', 'permit'],
    ]);
    expect(JSON.stringify(widgetTitled('Verification latency'))).toMatch(/"stat":"p99"/);
    expect(metricLines('Verdicts by kind')).toEqual(
      VERDICTS.map((v) => [p, 'Verdict', 'service', 'permit', 'verdict', v]),
    );
    expect(metricLines('Issuance latency')).toEqual([
      [p, 'IssuanceLatency', 'service', 'permit'],
      [p, 'IssuanceLatency', 'service', 'permit'],
    ]);
    expect(JSON.stringify(widgetTitled('Dispatch outcomes'))).toContain(
      `SEARCH('{Permit,service,outcome} MetricName=\\"DispatchOutcome\\" service=\\"permit\\"', 'Sum', 300)`,
    );
  });

  it('shows the gauges: overdue reviews and publications, oldest undispatched, log integration lag', () => {
    const gauge = (name: string) => ['Permit', name, 'service', 'permit'];
    expect(metricLines('Overdue reviews')).toEqual([gauge('OverdueReviews'), gauge('OverduePublications')]);
    expect(metricLines('Oldest undispatched')).toEqual([gauge('OldestUndispatchedSeconds')]);
    expect(metricLines('Log integration lag')).toEqual([gauge('LogIntegrationLagSeconds')]);
  });

  it('shows every DLQ’s depth, the metric its existing alarm watches', () => {
    const lines = metricLines('DLQ depths');
    expect(lines).toHaveLength(Object.keys(queues).length);
    for (const line of lines)
      expect(line).toEqual(['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', '<ref>']);
    const labels = JSON.stringify(widgetTitled('DLQ depths'));
    for (const name of Object.keys(queues)) expect(labels).toContain(`"label":"${name}"`);
  });

  it('shows errors, throttles and p99 duration of each hot function in the registry', () => {
    const present = HOT_FUNCTIONS.filter((n) => real.stateless.functions.has(n));
    expect(present).toEqual(expect.arrayContaining(['verify', 'verify-file', 'issue-certificate', 'dispatch-worker']));
    for (const [title, metric] of [
      ['Function errors', 'Errors'],
      ['Function throttles', 'Throttles'],
      ['Function duration', 'Duration'],
    ] as const) {
      expect(metricLines(title), title).toEqual(present.map(() => ['AWS/Lambda', metric, 'FunctionName', '<ref>']));
      const widget = JSON.stringify(widgetTitled(title));
      for (const name of present) expect(widget).toContain(`"label":"${name}"`);
    }
  });

  it('lists its alarms in an alarm status widget and points at the runbook', () => {
    const body = dashboardBody(t);
    const status = body.widgets.find((w) => w.type === 'alarm');
    expect(status).toBeDefined();
    expect(body.widgets.find((w) => w.type === 'text')?.properties.markdown).toContain('docs/operations.md');
  });

  it('builds with a registry that has none of the hot functions', () => {
    const fixture = synth({ registry: fixtureRegistry, stage: dev }).statelessTemplate;
    fixture.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('operations alarms', () => {
  const toTopic = { AlarmActions: [topicImport], OKActions: [topicImport] };

  it('alarms on the 5xx rate over 5 minutes, only from the minimum request count', () => {
    const alarm = alarmStartingWith(t, 'The HTTP API answered');
    expect(alarm.Properties).toMatchObject({
      ...toTopic,
      Threshold: DEFAULT_ALARM_THRESHOLDS.http5xxRatePercent,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    const queries = alarm.Properties.Metrics as Record<string, unknown>[];
    expect(queries).toContainEqual(
      expect.objectContaining({
        Expression: `IF(requests >= ${DEFAULT_ALARM_THRESHOLDS.http5xxMinRequests}, 100 * FILL(errors, 0) / requests, 0)`,
        ReturnData: true,
      }),
    );
    for (const [id, name] of [
      ['requests', 'Count'],
      ['errors', '5xx'],
    ]) {
      expect(queries).toContainEqual(
        expect.objectContaining({
          Id: id,
          ReturnData: false,
          MetricStat: expect.objectContaining({
            Metric: expect.objectContaining({ Namespace: 'AWS/ApiGateway', MetricName: name }),
            Period: 300,
            Stat: 'Sum',
          }),
        }),
      );
    }
  });

  it('alarms on verification p99 above the stage threshold, two 5-minute periods running', () => {
    expect(alarmStartingWith(t, 'Verification latency p99').Properties).toMatchObject({
      ...toTopic,
      Namespace: 'Permit',
      MetricName: 'VerificationLatency',
      Dimensions: [service],
      ExtendedStatistic: 'p99',
      Period: 300,
      Threshold: 300,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
    });
  });

  it.each([
    ['A certificate issued more than', 'OldestUndispatchedSeconds', 48 * 3600],
    ['At least one post-issuance review', 'OverdueReviews', 0],
    ['A certificate change has waited', 'LogIntegrationLagSeconds', 600],
  ])('alarms on the gauge behind “%s…” (%s > %d), a silent gauge breaching', (prefix, metric, threshold) => {
    expect(alarmStartingWith(t, prefix).Properties).toMatchObject({
      ...toTopic,
      Namespace: 'Permit',
      MetricName: metric,
      Dimensions: [service],
      Statistic: 'Maximum',
      Period: 300,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      TreatMissingData: 'breaching',
    });
  });

  it('takes its thresholds from the stage', () => {
    // Prepare
    const tuned = synth({
      registry: fixtureRegistry,
      stage: {
        ...dev,
        alarms: {
          verificationP99Ms: 450,
          http5xxRatePercent: 2,
          http5xxMinRequests: 100,
          oldestUndispatchedHours: 24,
          logIntegrationLagMinutes: 30,
        },
      },
    }).statelessTemplate;

    // Assess
    expect(alarmStartingWith(tuned, 'Verification latency p99').Properties.Threshold).toBe(450);
    expect(alarmStartingWith(tuned, 'A certificate issued more than 24 h').Properties.Threshold).toBe(24 * 3600);
    expect(alarmStartingWith(tuned, 'A certificate change has waited more than 30 min').Properties.Threshold).toBe(
      1800,
    );
    const rate = alarmStartingWith(tuned, 'The HTTP API answered 2 %');
    expect(rate.Properties.Threshold).toBe(2);
    expect(JSON.stringify(rate.Properties.Metrics)).toContain('IF(requests >= 100,');
  });

  it('keeps the per-queue DLQ alarms in the stateful stack and makes no second one here', () => {
    const dlqAlarms = (template: Template) =>
      Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
        (a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible',
      );
    expect(dlqAlarms(real.statefulTemplate)).toHaveLength(Object.keys(queues).length);
    expect(dlqAlarms(t)).toHaveLength(0);
  });

  it('points every alarm of both stacks at a section of the runbook that exists, when it names one', () => {
    // Prepare: GitHub's heading anchors (lower case, punctuation dropped, spaces to hyphens).
    const runbook = readFileSync(`${PROJECT_ROOT}docs/operations.md`, 'utf8');
    const anchors = new Set(
      [...runbook.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
        (m[1] as string)
          .trim()
          .toLowerCase()
          .replace(/[^\p{L}\p{N} _-]/gu, '')
          .replaceAll(' ', '-'),
      ),
    );
    const descriptions = [real.statefulTemplate, t].flatMap((tpl) =>
      Object.values(tpl.findResources('AWS::CloudWatch::Alarm')).map((a) =>
        JSON.stringify(a.Properties.AlarmDescription),
      ),
    );

    // Assess
    for (const section of Object.values(RUNBOOK_SECTIONS)) expect(anchors, section).toContain(section);
    const linked = descriptions.filter((d) => d.includes('docs/operations.md#'));
    expect(linked.length).toBe(5 + Object.keys(queues).length);
    for (const d of linked) {
      const anchor = /docs\/operations\.md#([a-z0-9-]+)/.exec(d)?.[1];
      expect(anchors, d).toContain(anchor);
    }
  });
});
