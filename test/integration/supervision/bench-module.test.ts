/**
 * `npm run bench -- supervision` on a small fixture (the unit tree mirrors lambdas/, lib/, bin/ and test/ only, so the
 * bench module's test lives here): the rows it prints, a plugged-in draw called with its run numbers (prepare untimed,
 * then draw), and the plain shuffle it compares with obeying the same rules. No timing is asserted.
 */
import { describe, expect, it } from 'vitest';
import {
  type DrawBenchFixture,
  type DrawUnderTest,
  domainDraw,
  drawBenchFixture,
  plainShuffle,
  runSupervisionBench,
} from '../../../bench/supervision';
import { drawPlan } from '../../../lambdas/domain/supervision/draw';

const small = (): DrawBenchFixture => drawBenchFixture({ enterprises: 500, inspectors: 20, sample: 30 });

describe('the supervision bench', () => {
  it('prints the draw, the plain shuffle, their ratio and verify-draw, with the targets', async () => {
    // Act
    const rows = await runSupervisionBench({ draw: domainDraw, fixture: small(), runs: 2, warmUp: 0, verifyRuns: 1 });

    // Assess
    expect(rows.map((r) => [r.metric.split(':')[0], r.target])).toEqual([
      ['drawPlan (domain)', '≤ 200 ms'],
      ['plain Math.random shuffle + naive teams, same lists (median of 2)', undefined],
      ['verifiable draw ÷ plain shuffle', undefined],
      ['verify-draw of the record', '≤ 1000 ms'],
      ['drawPlan (domain)', undefined],
      ['record', undefined],
      ['record size (JSON)', undefined],
    ]);
    expect(rows[0]?.metric).toContain('30 of 500, 2 each from 20');
  });

  it('takes the draw as a function: prepare then draw for each run, and verifies the record it returns', async () => {
    // Prepare
    const calls: string[] = [];
    const pluggedIn: DrawUnderTest = {
      label: 'use case',
      prepare: (run) => calls.push(`prepare ${run}`),
      draw: (run, fixture) => {
        calls.push(`draw ${run}`);
        return drawPlan({ ...fixture, planId: `${fixture.planId}-${run}` });
      },
    };

    // Act
    const rows = await runSupervisionBench({ draw: pluggedIn, fixture: small(), runs: 2, warmUp: 1, verifyRuns: 1 });

    // Assess
    expect(calls).toEqual(['prepare 0', 'draw 0', 'prepare 1', 'draw 1', 'prepare 2', 'draw 2']);
    expect(rows[0]?.metric).toMatch(/^use case: /);
  });

  it('compares with a plain shuffle that fills the sample with teams of distinct, qualified inspectors', () => {
    // Prepare
    const fixture = small();
    const byUscc = new Map(fixture.enterprises.map((e) => [e.uscc as string, e]));
    const byCode = new Map(fixture.inspectors.map((i) => [i.code, i]));

    // Act
    const teams = plainShuffle(fixture);

    // Assess
    expect(teams).toHaveLength(30);
    for (const team of teams) {
      const enterprise = byUscc.get(team.uscc);
      expect(new Set(team.inspectors).size).toBe(2);
      for (const code of team.inspectors) {
        const inspector = byCode.get(code);
        expect(inspector?.district).not.toBe(enterprise?.district);
        expect(inspector?.categories.some((c) => enterprise?.categories.includes(c))).toBe(true);
      }
    }
  });
});
