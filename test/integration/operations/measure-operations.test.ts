/**
 * The operational gauges (`measureOperations`, `docs/metrics.md`) on the emulators through the real adapters the
 * `ops-gauges` function is wired with (`operationsDeps`): a state built through the API and the use cases — a
 * wires-and-cables licence whose on-site review falls overdue, another's whose rectification deadline passes, a spot check whose result goes unpublished past its
 * deadline, a certificate whose paper copy waits for the carrier, the log entries of those issuances waiting for the
 * sequencer, letters in two dead-letter queues — gives each gauge its exact value; handing the paper over,
 * integrating the log, recording the review, publishing the result and re-driving the letters bring every one back
 * to 0. Time is a manual clock shared with the runtime; a recording double sees only what is emitted.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../lambdas/adapters/clock/manual-clock';
import { redriveDeadLetters } from '../../../lambdas/adapters/sqs/dead-letters';
import { inspectionDeps } from '../../../lambdas/composition/applications';
import { workerDeps } from '../../../lambdas/composition/dispatch';
import { operationsDeps } from '../../../lambdas/composition/operations';
import { sequencerDeps } from '../../../lambdas/composition/transparency-log';
import { addDays, compareDates, type LocalDate, localDateOf } from '../../../lambdas/domain/dates';
import { Inspection } from '../../../lambdas/domain/inspection';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import type { MetricDimension, MetricName, Metrics, MetricUnit } from '../../../lambdas/ports/metrics';
import { markOverdueInspections, recordInspectionResult } from '../../../lambdas/use-cases/applications/inspections';
import { publishSpotCheckResult } from '../../../lambdas/use-cases/applications/spot-check-publications';
import { createWaybill } from '../../../lambdas/use-cases/dispatch/dispatch';
import { measureOperations, type OperationsReadings } from '../../../lambdas/use-cases/measure-operations';
import { integrateLog } from '../../../lambdas/use-cases/transparency/sequencer';
import { emulatorClientConfig } from '../../../lib/local/aws-clients';
import { queues } from '../../../lib/resources';
import { Applicant, reviewSteps } from '../../support/applications';
import { type CertificateJson, jsonRequest, readJson } from '../../support/certificates';
import { paperCopyBody } from '../../support/dispatch';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

let runtime: TestRuntime;
let sqs: SQSClient;
/** Real time to the second (tokens and presigned forms are checked on real time); moved by hand from here. */
const start = new Date(Math.floor(Date.now() / 1000) * 1000);
const clock = new ManualClock(start);
const HOUR = 3_600_000;

beforeAll(async () => {
  runtime = await startTestRuntime({ pollers: false, schedules: false, overrides: { clock } });
  sqs = new SQSClient(emulatorClientConfig(runtime.endpoints.sqs, runtime.endpoints.region));
});
afterAll(async () => {
  sqs?.destroy();
  await runtime?.stop();
});

interface Emitted {
  readonly kind: 'count' | 'duration' | 'gauge';
  readonly name: MetricName;
  readonly value: number;
  readonly unit: MetricUnit;
  readonly dimension?: MetricDimension;
}

/** The metrics port, recording what would be emitted (storage stays real). */
function recordingMetrics(): Metrics & { readonly emitted: Emitted[] } {
  const emitted: Emitted[] = [];
  return {
    emitted,
    count: (name, dimension) =>
      emitted.push({ kind: 'count', name, value: 1, unit: 'Count', ...(dimension ? { dimension } : {}) }),
    duration: (name, ms) => emitted.push({ kind: 'duration', name, value: ms, unit: 'Milliseconds' }),
    gauge: (name, value, unit, dimension) =>
      emitted.push({ kind: 'gauge', name, value, unit, ...(dimension ? { dimension } : {}) }),
  };
}

/** One run of the gauges, as `ops-gauges` runs them, on the shared clock. */
async function measure(): Promise<{ readings: OperationsReadings; emitted: Emitted[] }> {
  const metrics = recordingMetrics();
  const readings = await measureOperations(operationsDeps({ clock, metrics }));
  return { readings, emitted: metrics.emitted };
}

/** The dead-letter depths as a record, every queue of `lib/resources.ts` present. */
const depthsOf = (readings: OperationsReadings): Record<string, number> =>
  Object.fromEntries(readings.deadLetters.map((d) => [d.queue, d.depth]));

const allQueuesAt = (depth: number, except: Record<string, number> = {}): Record<string, number> =>
  Object.fromEntries(Object.keys(queues).map((q) => [q, except[q] ?? depth]));

/** What the gauges must emit for `readings`: one gauge each, DLQ depths by queue. */
const emittedFor = (r: OperationsReadings): Emitted[] => [
  { kind: 'gauge', name: 'OverdueReviews', value: r.overdueReviews, unit: 'Count' },
  { kind: 'gauge', name: 'OverduePublications', value: r.overduePublications, unit: 'Count' },
  { kind: 'gauge', name: 'OldestUndispatchedSeconds', value: r.oldestUndispatchedSeconds, unit: 'Seconds' },
  { kind: 'gauge', name: 'LogIntegrationLagSeconds', value: r.logIntegrationLagSeconds, unit: 'Seconds' },
  ...r.deadLetters.map(({ queue, depth }) => ({
    kind: 'gauge' as const,
    name: 'DeadLetterDepth' as const,
    value: depth,
    unit: 'Count' as const,
    dimension: { name: 'queue', value: queue },
  })),
];

/** A wires-and-cables licence issued through the API by its procedure; the id of its scheduled on-site review. */
async function reviewedLicence(seed: number): Promise<string> {
  const applicant = await Applicant.create(runtime, seed);
  const app = await applicant.fileNew(['06-001']);
  await applicant.uploadAll(app.id);
  expect((await applicant.submit(app.id)).status).toBe(200);
  expect((await reviewSteps(runtime, app.id, ['accept', 'pass-formal-review'])).state).toBe('issued');
  return `INSP-${app.id}`;
}

const later = (a: LocalDate, b: LocalDate): LocalDate => (compareDates(a, b) >= 0 ? a : b);

describe('the operational gauges', () => {
  /** What the state below is built of. */
  let review: { id: string; dueOn: LocalDate };
  /** A review in rectification, its deadline a week after `start`. */
  let rectifying: string;
  let spotCheck: { id: string; dueBy: LocalDate };
  let paper: CertificateJson;
  /** The instant the gauges are read at once everything is overdue. */
  let overdueAt: Date;

  test('all read 0 on an empty table, and every dead-letter queue is read', async () => {
    // Act
    const { readings, emitted } = await measure();

    // Assess
    expect(readings).toMatchObject({
      overdueReviews: 0,
      overduePublications: 0,
      oldestUndispatchedSeconds: 0,
      logIntegrationLagSeconds: 0,
    });
    expect(depthsOf(readings)).toEqual(allQueuesAt(0));
    expect(emitted).toEqual(emittedFor(readings));
  });

  test('a waiting paper copy and unsequenced log entries read their exact age; dead letters their count; a review and a publication not yet due are not counted', async () => {
    // Prepare: at `start`, two licences under post-issuance review (issued by the procedure, reviews scheduled),
    // one of them told to rectify within a week …
    const [first, second] = [await reviewedLicence(2101), await reviewedLicence(2103)];
    const scheduled = await inspectionDeps({ clock }).inspections.get(first);
    expect(scheduled).toMatchObject({ kind: 'on-site-review', state: 'scheduled' });
    review = { id: first, dueOn: scheduled?.dueOn as LocalDate };
    rectifying = second;
    await recordInspectionResult(inspectionDeps({ clock }), {
      inspectionId: rectifying,
      result: { outcome: 'rectify', rectifyBy: addDays(localDateOf(clock.now()), 7), findings: '标识不全' },
      actor: { id: 'reviewer-1', role: 'reviewer' },
    });
    // … a certificate issued with a paper copy, whose dispatch nobody hands to the carrier (no pollers) …
    const res = await runtime.request('/v1/certificates', {
      as: 'officer',
      ...jsonRequest(paperCopyBody({ seed: 2102 })),
    });
    expect(res.status).toBe(201);
    paper = await readJson(res);
    // … a spot check of it with a passing result recorded today, its publication pending …
    const today = localDateOf(clock.now());
    const check = Inspection.scheduleSpotCheck({
      id: 'INSP-PLAN-20261201-K3M9Q2ZT7A-00001',
      plan: { id: 'PLAN-20261201-K3M9Q2ZT7A', name: '电线电缆产品双随机抽查' },
      licenceNo: LicenceNumber.parse(paper.licenceNo),
      uscc: paper.enterprise.uscc,
      enterpriseName: paper.enterprise.name,
      team: ['INS-7K2M9QXA'],
      scheduledOn: today,
      dueOn: addDays(today, 30),
      at: clock.now(),
    }).toSnapshot();
    expect(await inspectionDeps({ clock }).inspections.create(check)).toBe('created');
    const recorded = await recordInspectionResult(inspectionDeps({ clock }), {
      inspectionId: check.id,
      result: { outcome: 'pass', checkedOn: today },
      actor: { id: 'reviewer-1', role: 'reviewer' },
    });
    spotCheck = { id: check.id, dueBy: recorded.publication?.dueBy as LocalDate };
    // … and letters in two dead-letter queues.
    const { dispatch, log } = runtime.names.queues;
    for (const body of ['{"dispatchId":"DSP-1"}', '{"dispatchId":"DSP-2"}']) {
      await sqs.send(new SendMessageCommand({ QueueUrl: dispatch.deadLetterUrl, MessageBody: body }));
    }
    await sqs.send(new SendMessageCommand({ QueueUrl: log.deadLetterUrl, MessageBody: '{"key":"x"}' }));
    clock.advance({ hours: 5 });

    // Act
    const { readings, emitted } = await measure();

    // Assess: the paper copy and both issuances' log entries date from `start`, 5 hours ago to the second
    expect(readings).toMatchObject({
      overdueReviews: 0,
      overduePublications: 0,
      oldestUndispatchedSeconds: 5 * 3600,
      logIntegrationLagSeconds: 5 * 3600,
    });
    expect(depthsOf(readings)).toEqual(allQueuesAt(0, { dispatch: 2, log: 1 }));
    expect(emitted).toEqual(emittedFor(readings));
  });

  test('past its due date the review is overdue (before and after the hourly job marks it, counted once); past its deadline the publication is', async () => {
    // Prepare: the day after the later of the review's due date and the publication's deadline
    const day = addDays(later(review.dueOn, spotCheck.dueBy), 1);
    overdueAt = new Date(`${day}T10:00:00+08:00`);
    clock.set(overdueAt);
    const age = (overdueAt.getTime() - start.getTime()) / 1000;

    // Act
    const unmarked = await measure();
    const { marked } = await markOverdueInspections(inspectionDeps({ clock }), { suspendLicence: false });
    const afterMarking = await measure();

    // Assess
    expect([...marked].sort()).toEqual([review.id, rectifying].sort());
    for (const { readings, emitted } of [unmarked, afterMarking]) {
      expect(readings).toMatchObject({
        overdueReviews: 2,
        overduePublications: 1,
        oldestUndispatchedSeconds: age,
        logIntegrationLagSeconds: age,
      });
      expect(depthsOf(readings)).toEqual(allQueuesAt(0, { dispatch: 2, log: 1 }));
      expect(emitted).toEqual(emittedFor(readings));
    }
  });

  test('each falls to 0 once its cause is dealt with: paper handed over, log integrated, review recorded, result published, letters re-driven', async () => {
    // Prepare
    clock.advance({ ms: HOUR });
    const officer = { id: 'officer-1', role: 'officer' };

    // Act, one cause at a time
    const handedOver = await createWaybill(workerDeps({ clock }), `DSP-${paper.paperSerial}`);
    const afterHandOver = await measure();
    const integration = await integrateLog(sequencerDeps({ clock }));
    const afterIntegration = await measure();
    for (const inspectionId of [review.id, rectifying]) {
      await recordInspectionResult(inspectionDeps({ clock }), {
        inspectionId,
        result: { outcome: 'pass' },
        actor: { id: 'reviewer-1', role: 'reviewer' },
      });
    }
    await publishSpotCheckResult(inspectionDeps({ clock }), { inspectionId: spotCheck.id, actor: officer });
    const afterInspections = await measure();
    for (const queue of ['dispatch', 'log'] as const) {
      const { url, deadLetterUrl } = runtime.names.queues[queue];
      await redriveDeadLetters(sqs, { dlqUrl: deadLetterUrl, queueUrl: url });
    }
    const afterRedrive = await measure();

    // Assess
    const age = (clock.now().getTime() - start.getTime()) / 1000;
    expect(handedOver.outcome).toBe('created');
    expect(afterHandOver.readings).toMatchObject({ oldestUndispatchedSeconds: 0, logIntegrationLagSeconds: age });
    expect(integration.integrated).toBeGreaterThanOrEqual(2);
    expect(afterIntegration.readings).toMatchObject({ logIntegrationLagSeconds: 0, overdueReviews: 2 });
    expect(afterInspections.readings).toMatchObject({ overdueReviews: 0, overduePublications: 0 });
    expect(depthsOf(afterInspections.readings)).toEqual(allQueuesAt(0, { dispatch: 2, log: 1 }));
    expect(afterRedrive.readings).toMatchObject({
      overdueReviews: 0,
      overduePublications: 0,
      oldestUndispatchedSeconds: 0,
      logIntegrationLagSeconds: 0,
    });
    expect(depthsOf(afterRedrive.readings)).toEqual(allQueuesAt(0));
    expect(afterRedrive.emitted).toEqual(emittedFor(afterRedrive.readings));
  });
});
