/**
 * `npm run bench -- log` on a small scale (the bench module's test lives beside the log's integration test, as the
 * supervision bench's does): the rows it prints with their targets, a backlog integrated exactly into the published
 * checkpoint, and the gateways with proofs on and off answering as switched. No timing is asserted.
 */
import { describe, expect, it } from 'vitest';
import { logBenchOptions, runLogBench } from '../../../bench/log';
import { sharedEmulators, uniqueSuffix } from '../../support/emulators';

describe('the log bench', () => {
  it('prints the backlog integration, the proofs and the throughput with proofs on and off, with the targets', async () => {
    // Prepare
    const options = {
      ...logBenchOptions(true),
      entries: 120,
      proofTreeSize: 600,
      proofSamples: 20,
      baselineSamples: 5,
      certificates: 6,
      gatewaySeconds: 1,
      connections: 4,
      answersChecked: 6,
      runtime: { emulators: await sharedEmulators(), resourceSuffix: uniqueSuffix() },
    };

    // Act
    const rows = await runLogBench(options);

    // Assess
    const row = (start: string) => rows.find((r) => r.metric.startsWith(start));
    expect(row('integrateLog(sequencerDeps()) of a backlog of 120 entries')?.target).toBe('≤ 0.4 s');
    expect(row('published checkpoint grew by')).toMatchObject({ value: '120', pass: true });
    expect(row('integrateLog calls per backlog')?.value).toBe('1');
    expect(rows.some((r) => r.metric.includes('busy in store.sequence'))).toBe(true);
    expect(row('inclusionProofFromTiles, 600-entry tree')?.target).toBe('≤ 1 ms');
    expect(row('versionInclusion, warm CachedLogReader')?.target).toBe('≤ 1 ms');
    expect(row('baseline: merkle.inclusionProof over all 600 leaves')).toBeDefined();
    expect(row('certificates issued and integrated into the log')).toMatchObject({ value: '6 / 6', pass: true });
    expect(row('proofs on ÷ off')?.target).toBe('≥ 0.9');
    expect(row('baseline: gateway JSON, TRANSPARENCY_PROOFS=off')).toBeDefined();
    expect(row(`sampled "on" answers valid with log.state 'included'`)).toMatchObject({ value: '6 / 6', pass: true });
    expect(row('sampled "off" answers valid without a log')).toMatchObject({ value: '6 / 6', pass: true });
  }, 240_000);
});
