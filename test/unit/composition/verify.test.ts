/**
 * The verify function's bench and diagnostics switch: `TRANSPARENCY_PROOFS=off` leaves the transparency log out of
 * verification answers; unset or `on` keeps it; anything else stops the function at cold start.
 */
import { describe, expect, it } from 'vitest';
import { transparencyProofs } from '../../../lambdas/composition/verify';

describe('transparencyProofs', () => {
  it('is on unless the switch says off', () => {
    // Act
    const values = [
      {},
      { TRANSPARENCY_PROOFS: '' },
      { TRANSPARENCY_PROOFS: 'on' },
      { TRANSPARENCY_PROOFS: ' OFF ' },
    ].map((env) => transparencyProofs(env));

    // Assess
    expect(values).toEqual([true, true, true, false]);
  });

  it('refuses any other value, naming the variable', () => {
    // Act
    const read = () => transparencyProofs({ TRANSPARENCY_PROOFS: 'no' });

    // Assess
    expect(read).toThrow(/TRANSPARENCY_PROOFS must be on or off/);
  });
});
