/**
 * Wiring of 双随机、一公开 supervision: plans, the inspectors' registry and the inspections on the one table, the
 * licence register the enterprises come from, the clock.
 *
 * @example
 * await freezePlan(supervisionDeps(), { planId, actor });
 */
import { DynamoInspectionRepository } from '../adapters/dynamo/inspection-repository';
import { DynamoInspectorRegistry } from '../adapters/dynamo/inspector-registry';
import { DynamoPlanRepository } from '../adapters/dynamo/plan-repository';
import { dynamoClient } from '../shared/clients';
import { config } from '../shared/config';
import type { SupervisionDeps } from '../use-cases/supervision/deps';

/** The deps' type, for handlers that take them as a parameter (tests pass their own). */
export type { SupervisionDeps };

import { clock } from './clock';
import { once } from './once';
import { certificateRepository } from './storage';

const plans = once(() => new DynamoPlanRepository(dynamoClient(), config().tableName));
const inspectors = once(() => new DynamoInspectorRegistry(dynamoClient(), config().tableName));
const inspections = once(() => new DynamoInspectionRepository(dynamoClient(), config().tableName));

/**
 * Deps of the supervision use cases; `parts` replace any of them (tests).
 *
 * @example
 * const deps = supervisionDeps({ clock: new ManualClock('2026-12-08T09:00:00+08:00') });
 */
export const supervisionDeps = (parts: Partial<SupervisionDeps> = {}): SupervisionDeps => ({
  plans: plans(),
  inspectors: inspectors(),
  certificates: certificateRepository(),
  inspections: inspections(),
  clock,
  ...parts,
});
