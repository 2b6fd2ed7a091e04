/**
 * The local runtime's settable clock cannot reach a deployed function: in every stage, no function's environment
 * carries `PERMIT_CLOCK`, `PERMIT_CLOCK_FILE` or the local runtime's marker, and every function signs with KMS — so
 * configuration (which refuses `PERMIT_CLOCK` without `SIGNER=local` and the marker) would stop any that did.
 */
import { describe, expect, it } from 'vitest';
import { functions } from '../../lambdas/functions';
import { LOCAL_RUNTIME_MARKER } from '../../lambdas/shared/config';
import { type StageName, selectStage, stages } from '../../lib/stage-config';
import { synth } from './support';

const LOCAL_ONLY = ['PERMIT_CLOCK', 'PERMIT_CLOCK_FILE', LOCAL_RUNTIME_MARKER.name];

describe.each(Object.keys(stages) as StageName[])('stage %s', (stage) => {
  it('passes no function the local clock or the local marker', () => {
    // Act
    const template = synth({ stage: selectStage(stage), registry: functions }).statelessTemplate;
    const environments = Object.values(template.findResources('AWS::Lambda::Function')).map(
      (fn) => (fn.Properties as { Environment?: { Variables?: Record<string, unknown> } }).Environment?.Variables ?? {},
    );

    // Assess
    expect(environments).toHaveLength(functions.length);
    for (const variables of environments) {
      expect(Object.keys(variables).filter((name) => LOCAL_ONLY.includes(name))).toEqual([]);
      expect(variables.SIGNER).toBe('kms');
    }
  });
});
