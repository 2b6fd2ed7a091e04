/**
 * GET /console/workbench/admin/calendar — 工作日日历: the years in use and the form to load a year's schedule
 * (`?year=` prefills it with a loaded year's schedule, to change it).
 */
import { applicationDeps } from '../../composition/applications';
import { consoleWorkbenchCalendarRoute } from '../../contracts/console-workbench';
import { consoleRoute } from '../../shared/console-route';
import { calendarPage } from './calendar-form';

const deps = applicationDeps();

export const handler = consoleRoute(consoleWorkbenchCalendarRoute, ({ ctx, query }) =>
  calendarPage(deps, ctx, {
    ...(query.year ? { edit: query.year } : {}),
    ...(query.loaded
      ? { loaded: { year: query.loaded, ...(query.moved !== undefined ? { moved: query.moved } : {}) } }
      : {}),
  }),
);
