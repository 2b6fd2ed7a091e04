/**
 * checkHealth: `up` only when every dependency answers, each dependency's state as the probe saw it, and the
 * instant of the check from the clock.
 */
import { describe, expect, test } from 'vitest';
import { checkHealth } from '../../../lambdas/use-cases/check-health';
import { FakeWorld, fakeHealthDeps } from '../../support/fakes';

describe('checkHealth', () => {
  test('is up when every dependency answers, checked now', async () => {
    // Prepare
    const world = new FakeWorld();

    // Act
    const health = await checkHealth(fakeHealthDeps(world));

    // Assess
    expect(health).toEqual({
      status: 'up',
      checkedAt: world.clock.now().toISOString(),
      dependencies: { dynamodb: 'up', s3: 'up', sqs: 'up' },
    });
  });

  test.each(['dynamodb', 's3', 'sqs'] as const)('is down when %s is, naming it', async (dependency) => {
    // Prepare
    const world = new FakeWorld();
    world.probe.states[dependency] = 'down';

    // Act
    const health = await checkHealth(fakeHealthDeps(world));

    // Assess
    expect(health.status).toBe('down');
    expect(Object.entries(health.dependencies).filter(([, state]) => state === 'down')).toEqual([[dependency, 'down']]);
    expect(world.probe.probes).toBe(1);
  });
});
