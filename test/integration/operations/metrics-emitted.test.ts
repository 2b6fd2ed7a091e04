/**
 * The metrics the functions publish (`docs/metrics.md`), through the local runtime's real handlers and pipelines: an
 * issuance records `IssuanceLatency` once and its replay nothing; a QR verification and a lookup record their verdict
 * and `VerificationLatency`; the dispatch worker records the hand-over to the carrier. What is published is what the
 * pipeline flushed at the end of an invocation — a recording `InvocationMetrics` in the composition's place (the
 * metrics port is ours; storage stays the emulators').
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { InvocationMetrics, MetricDimension, MetricName, MetricUnit } from '../../../lambdas/ports/metrics';
import { type CertificateJson, jsonRequest, readJson } from '../../support/certificates';
import { paperCopyBody } from '../../support/dispatch';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { payloadOf } from '../verification/support';

interface Published {
  readonly name: MetricName;
  readonly unit: MetricUnit;
  readonly value: number;
  readonly dimension?: string;
}

/** Keeps what is recorded until a flush publishes it, as the EMF adapter does. */
class RecordingMetrics implements InvocationMetrics {
  readonly published: Published[] = [];
  #pending: Published[] = [];

  count(name: MetricName, dimension?: MetricDimension): void {
    this.#record(name, 'Count', 1, dimension);
  }
  duration(name: MetricName, ms: number): void {
    this.#record(name, 'Milliseconds', ms);
  }
  gauge(name: MetricName, value: number, unit: MetricUnit, dimension?: MetricDimension): void {
    this.#record(name, unit, value, dimension);
  }
  flush(): void {
    this.published.push(...this.#pending);
    this.#pending = [];
  }
  /** What was published since `from`, by name (and dimension). */
  since(from: number): string[] {
    return this.published.slice(from).map((p) => (p.dimension ? `${p.name}{${p.dimension}}` : p.name));
  }
  #record(name: MetricName, unit: MetricUnit, value: number, dimension?: MetricDimension): void {
    this.#pending.push({
      name,
      unit,
      value,
      ...(dimension ? { dimension: `${dimension.name}=${dimension.value}` } : {}),
    });
  }
}

const metrics = new RecordingMetrics();
let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime({ schedules: false, overrides: { metrics } });
});
afterAll(() => runtime?.stop());

describe('the metrics the functions publish', () => {
  let cert: CertificateJson;

  test('an issuance publishes IssuanceLatency once; its replay publishes nothing', async () => {
    // Prepare
    const from = metrics.published.length;
    const key = randomUUID();

    // Act
    const first = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(paperCopyBody(), key) });
    cert = await readJson(first);
    const afterFirst = metrics.published.length;
    const replay = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(paperCopyBody(), key) });

    // Assess
    expect(first.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(metrics.since(from).filter((m) => m === 'IssuanceLatency')).toEqual(['IssuanceLatency']);
    expect(metrics.since(afterFirst).filter((m) => m === 'IssuanceLatency')).toEqual([]);
    const latency = metrics.published.slice(from).find((p) => p.name === 'IssuanceLatency');
    expect(latency?.unit).toBe('Milliseconds');
    expect(latency?.value).toBeGreaterThan(0);
  });

  test('a QR verification and a lookup publish their verdict and VerificationLatency', async () => {
    // Prepare
    const from = metrics.published.length;

    // Act
    const scanned = await runtime.request(`/v/${payloadOf(cert.qr.text)}`, { headers: { accept: 'application/json' } });
    const lookedUp = await runtime.request('/v1/verify/42-XK06-001-99999', { headers: { accept: 'application/json' } });

    // Assess
    expect(((await scanned.json()) as { verdict: string }).verdict).toBe('valid');
    expect(((await lookedUp.json()) as { verdict: string }).verdict).toBe('invalid');
    expect(metrics.since(from)).toEqual([
      'Verdict{verdict=valid}',
      'VerificationLatency',
      'Verdict{verdict=invalid}',
      'VerificationLatency',
    ]);
  });

  test('the dispatch worker publishes the hand-over of the paper copy to the carrier', async () => {
    // Act, Assess: the worker runs off the real queue after the issuance above
    await vi.waitFor(
      () => {
        if (!metrics.since(0).includes('DispatchOutcome{outcome=handed-over}')) throw new Error('not handed over yet');
      },
      { timeout: 20_000, interval: 50 },
    );
    // The replay above sent the dispatch message again: that one is a duplicate, never a second hand-over.
    const outcomes = metrics.since(0).filter((m) => m.startsWith('DispatchOutcome'));
    expect(outcomes.filter((m) => m === 'DispatchOutcome{outcome=handed-over}')).toHaveLength(1);
    expect(outcomes.filter((m) => m !== 'DispatchOutcome{outcome=handed-over}')).toEqual(
      outcomes.filter((m) => m === 'DispatchOutcome{outcome=already-handed-over}'),
    );
  });
});
