/**
 * Wiring of the statistics (`GET /v1/stats` and the workbench's statistics page): the application workflow's
 * repositories and the dispatch repository, all on the one table (the figures only read).
 *
 * @example
 * await getStats(statsDeps(), { from: '2026-09-14' });
 */
import type { StatsDeps } from '../use-cases/applications/stats';
import { applicationDeps } from './applications';
import { dispatchRepository } from './dispatch';

/**
 * Deps of `getStats`; `parts` replace any of them (tests).
 *
 * @example
 * const deps = statsDeps({ clock: new ManualClock('2026-12-09T09:00:00+08:00') });
 */
export const statsDeps = (parts: Partial<StatsDeps> = {}): StatsDeps => {
  const { applications, inspections, calendars, certificates, clock } = applicationDeps();
  return { applications, inspections, calendars, certificates, clock, dispatches: dispatchRepository(), ...parts };
};
