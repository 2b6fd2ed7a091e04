import { describe, expect, it } from 'vitest';
import { CompactMetrics, compactMetric, SilentMetrics } from '../../../../lambdas/adapters/metrics/local-metrics';

describe('CompactMetrics', () => {
  it('prints one short line per flush with every metric, its dimension and unit', () => {
    // Prepare
    const lines: string[] = [];
    const metrics = new CompactMetrics((line) => lines.push(line));

    // Act
    metrics.count('Verdict', { name: 'verdict', value: 'valid' });
    metrics.duration('VerificationLatency', 3.2);
    metrics.flush();
    metrics.gauge('LogIntegrationLagSeconds', 42, 'Seconds');
    metrics.flush();
    metrics.flush();

    // Assess
    expect(lines).toEqual([
      'metrics Verdict{verdict=valid}=1 VerificationLatency=3ms',
      'metrics LogIntegrationLagSeconds=42s',
    ]);
  });

  it('formats one metric', () => {
    // Assess
    expect(compactMetric('DeadLetterDepth', 2, 'Count', { name: 'queue', value: 'dispatch' })).toBe(
      'DeadLetterDepth{queue=dispatch}=2',
    );
    expect(compactMetric('IssuanceLatency', 812.7, 'Milliseconds')).toBe('IssuanceLatency=813ms');
  });
});

describe('SilentMetrics', () => {
  it('accepts everything and prints nothing', () => {
    // Prepare
    const metrics = new SilentMetrics();

    // Act / Assess
    metrics.count('Verdict', { name: 'verdict', value: 'invalid' });
    expect(() => metrics.flush()).not.toThrow();
  });
});
