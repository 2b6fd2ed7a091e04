/**
 * Wiring of the enterprise console's reads that span two parts of the stack: a licence with its parcels, an
 * application with its licence's parcels and the working-day calendar.
 *
 * @example
 * await licenceOverview(licenceOverviewDeps(), { licenceNo, viewer });
 */
import type { ApplicationOverviewDeps } from '../use-cases/enterprise-service/application-overview';
import type { LicenceOverviewDeps } from '../use-cases/enterprise-service/licence-overview';
import { applicationDeps } from './applications';
import { dispatchListDeps } from './dispatch-lists';
import { readDeps } from './storage';

/**
 * Deps of a licence with its parcels; `parts` replace any of them.
 *
 * @example
 * const deps = licenceOverviewDeps({ clock: new ManualClock('2026-11-27T09:00:00+08:00') });
 */
export const licenceOverviewDeps = (parts: Partial<LicenceOverviewDeps> = {}): LicenceOverviewDeps => ({
  ...readDeps(),
  ...dispatchListDeps(),
  ...parts,
});

/**
 * Deps of an application with its deadline and parcels; `parts` replace any of them.
 *
 * @example
 * const deps = applicationOverviewDeps({ clock });
 */
export const applicationOverviewDeps = (parts: Partial<ApplicationOverviewDeps> = {}): ApplicationOverviewDeps => ({
  ...applicationDeps(),
  dispatchLists: dispatchListDeps(),
  ...parts,
});
