/**
 * checkHealth — `/health`: whether each dependency answers, and when that was checked.
 *
 * @example
 * const health = await checkHealth(deps); // { status: 'up', checkedAt: '…', dependencies: { dynamodb: 'up', … } }
 */
import type { Clock } from '../ports/clock';
import type { DependencyProbe, DependencyStates } from '../ports/dependency-probe';

export interface HealthDeps {
  readonly probe: DependencyProbe;
  readonly clock: Clock;
}

export interface Health {
  /** `up` only when every dependency is. */
  readonly status: 'up' | 'down';
  readonly checkedAt: string;
  readonly dependencies: DependencyStates;
}

export async function checkHealth(deps: HealthDeps): Promise<Health> {
  const dependencies = await deps.probe.probe();
  const up = Object.values(dependencies).every((state) => state === 'up');
  return { status: up ? 'up' : 'down', checkedAt: deps.clock.now().toISOString(), dependencies };
}
