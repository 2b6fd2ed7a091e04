/**
 * In-memory {@link DependencyProbe}: every dependency `up` until a test sets one `down`; it never throws, as the
 * real probe never does.
 *
 * @example
 * const probe = new FakeDependencyProbe();
 * probe.states.sqs = 'down';
 */
import type {
  Dependency,
  DependencyProbe,
  DependencyState,
  DependencyStates,
} from '../../../lambdas/ports/dependency-probe';

export class FakeDependencyProbe implements DependencyProbe {
  readonly states: Record<Dependency, DependencyState> = { dynamodb: 'up', s3: 'up', sqs: 'up' };
  probes = 0;

  async probe(): Promise<DependencyStates> {
    this.probes++;
    return { ...this.states };
  }
}
