/**
 * PUT /v1/admin/calendar/{year} — an admin loads a year's official working-day schedule; deadlines and pending
 * publication due dates recomputed.
 */
import { applicationDeps } from '../../composition/applications';
import { putCalendarRoute } from '../../contracts/inspections';
import { httpRoute, json } from '../../shared/http';
import { viewerOf } from '../../shared/identity';
import { loadYearSchedule } from '../../use-cases/applications/calendar';

const deps = applicationDeps();

export const handler = httpRoute(putCalendarRoute, async ({ params, body, identity }) => {
  const viewer = viewerOf(identity);
  const { stored, recomputed, recomputedPublications } = await loadYearSchedule(deps, {
    year: params.year,
    schedule: body,
    actor: { id: viewer.id, role: 'admin' },
  });
  return json(200, {
    year: stored.year,
    holidays: [...stored.schedule.holidays],
    workdays: [...stored.schedule.workdays],
    loadedBy: stored.loadedBy,
    loadedAt: stored.loadedAt,
    recomputedDeadlines: recomputed,
    recomputedPublications,
  });
});
