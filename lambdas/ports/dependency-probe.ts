/**
 * Port: whether each dependency answers, for `/health`. Adapter: `lambdas/adapters/health-probes.ts`.
 */

export type DependencyState = 'up' | 'down';
export type Dependency = 'dynamodb' | 's3' | 'sqs';
export type DependencyStates = Readonly<Record<Dependency, DependencyState>>;

/**
 * One cheap, time-bounded call per dependency; never throws (a failing dependency is `down`).
 *
 * @example
 * await probes.probe(); // { dynamodb: 'up', s3: 'up', sqs: 'down' }
 */
export interface DependencyProbe {
  probe(): Promise<DependencyStates>;
}
