import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmfMetrics } from '../../../../lambdas/adapters/metrics/emf-metrics';

/** The EMF documents written to stdout while `act` runs. */
function emfLines(act: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    act();
  } finally {
    spy.mockRestore();
  }
  return lines
    .join('')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('EmfMetrics', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints one EMF document in namespace Permit with service=permit per distinct extra dimension (or none), in the order recorded', () => {
    // Prepare
    const metrics = new EmfMetrics();

    // Act
    const docs = emfLines(() => {
      metrics.count('Verdict', { name: 'verdict', value: 'valid' });
      metrics.duration('VerificationLatency', 12.5);
      metrics.gauge('DeadLetterDepth', 3, 'Count', { name: 'queue', value: 'dispatch' });
      metrics.gauge('DeadLetterDepth', 0, 'Count', { name: 'queue', value: 'log' });
      metrics.flush();
    });

    // Assess
    expect(docs).toHaveLength(4);
    const [verdict, plain, dispatch, log] = docs as [Record<string, unknown>, ...Record<string, unknown>[]];
    type Emf = { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: unknown[] }[] };
    const aws = (doc: Record<string, unknown> | undefined) => (doc?._aws as Emf | undefined)?.CloudWatchMetrics[0];
    expect(verdict).toMatchObject({ service: 'permit', verdict: 'valid', Verdict: 1 });
    expect(aws(verdict)).toEqual({
      Namespace: 'Permit',
      Dimensions: [['service', 'verdict']],
      Metrics: [{ Name: 'Verdict', Unit: 'Count' }],
    });
    expect(plain).toMatchObject({ service: 'permit', VerificationLatency: 12.5 });
    expect(aws(plain)).toMatchObject({
      Namespace: 'Permit',
      Dimensions: [['service']],
      Metrics: [{ Name: 'VerificationLatency', Unit: 'Milliseconds' }],
    });
    expect(dispatch).toMatchObject({ queue: 'dispatch', DeadLetterDepth: 3 });
    expect(log).toMatchObject({ queue: 'log', DeadLetterDepth: 0 });
    expect(log?.verdict).toBeUndefined();
  });

  it('prints nothing when nothing was recorded, and forgets what it flushed', () => {
    // Prepare
    const metrics = new EmfMetrics();
    metrics.gauge('OverdueReviews', 2, 'Count');

    // Act
    const first = emfLines(() => metrics.flush());
    const second = emfLines(() => metrics.flush());

    // Assess
    expect(first).toHaveLength(1);
    expect(second).toEqual([]);
  });
});
