/**
 * Wiring of the statistics (`GET /v1/stats` and the workbench's statistics page): the application workflow's
 * repositories and the dispatch repository, all on the one table (the figures only read). The dispatch repository is
 * built here rather than taken from `dispatch.ts`, so the statistics function bundles no carrier, SSM or SQS code.
 *
 * @example
 * await getStats(statsDeps(), { from: '2026-09-14' });
 */
import { DynamoDispatchRepository } from '../adapters/dynamo/dispatch-repository';
import type { DispatchRepository } from '../ports/dispatch-repository';
import { dynamoClient } from '../shared/clients';
import { config } from '../shared/config';
import type { StatsDeps } from '../use-cases/applications/stats';
import { applicationDeps } from './applications';
import { once } from './once';

const dispatches = once<Pick<DispatchRepository, 'listByStateAndMonth'>>(
  () => new DynamoDispatchRepository(dynamoClient(), config().tableName),
);

/**
 * Deps of `getStats`; `parts` replace any of them (tests).
 *
 * @example
 * const deps = statsDeps({ clock: new ManualClock('2026-12-09T09:00:00+08:00') });
 */
export const statsDeps = (parts: Partial<StatsDeps> = {}): StatsDeps => {
  const { applications, inspections, calendars, certificates, clock } = applicationDeps();
  return { applications, inspections, calendars, certificates, clock, dispatches: dispatches(), ...parts };
};
