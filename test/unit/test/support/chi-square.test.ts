/**
 * The chi-square survival function the statistical tests rely on, against SciPy 1.17 (`scipy.stats.chi2.sf`,
 * `scipy.special.gammaincc`) and textbook critical values, to 1e-9 relative.
 */
import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, logGamma, regularizedUpperGamma } from '../../../support/chi-square';

const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(expected), 1e-300));

describe('chiSquareSurvival', () => {
  it.each([
    // [x, k, SciPy chi2.sf(x, k)]
    [500, 499, 0.4789716044812014],
    [600, 499, 0.0012451206762262256],
    [1000, 1000, 0.49405285382923964],
    [1200, 1000, 1.2255942330622893e-5],
    [0.5, 3, 0.9188914116546758],
    [10, 3, 0.01856613546304325],
    [1, 1, 0.31731050786291115],
    [0.1, 1, 0.7518296340458492],
    [2, 10, 0.9963401531726563],
    [20, 10, 0.029252688076961124],
    [100, 50, 3.454931382984871e-5],
    [40, 2, 2.0611536224385566e-9],
    [1e-6, 2, 0.999999500000125],
  ])('χ²(%d; k = %d) upper tail is %d, as SciPy computes', (x, k, expected) => {
    close(chiSquareSurvival(x, k), expected);
  });

  it.each([
    // the textbook table of critical values: P(X ≥ x) = p
    [3.841458820694124, 1, 0.05],
    [5.991464547107979, 2, 0.05],
    [18.307038053275146, 10, 0.05],
    [23.209251158954356, 10, 0.01],
    [30.5779141668925, 10, 0.0006886574064735048],
  ])('at the critical value %d with %d degrees of freedom is %d', (x, k, p) => {
    close(chiSquareSurvival(x, k), p);
  });

  it('is 1 at and below 0, decreases in x, and refuses no degrees of freedom', () => {
    // Assess
    expect(chiSquareSurvival(0, 5)).toBe(1);
    expect(chiSquareSurvival(-1, 5)).toBe(1);
    const values = [100, 300, 499, 500, 700, 900].map((x) => chiSquareSurvival(x, 499));
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
  });
});

describe('regularizedUpperGamma and logGamma', () => {
  it('agree with SciPy gammaincc and with factorials', () => {
    // Assess: both branches (series for x < a + 1, continued fraction above)
    close(regularizedUpperGamma(1, 2), 0.1353352832366127);
    close(regularizedUpperGamma(0.5, 0.01), 0.887537083981715);
    close(regularizedUpperGamma(100, 90), 0.84177901081357);
    close(Math.exp(logGamma(5)), 24);
    close(Math.exp(logGamma(0.5)), Math.sqrt(Math.PI));
    close(logGamma(250), 1128.5237708729908); // ln(249!), Python math.lgamma(250)
  });
});
