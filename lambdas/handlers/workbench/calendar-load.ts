/**
 * POST /console/workbench/admin/calendar — Confirm: load the previewed schedule through the API's use case
 * (`loadYearSchedule`, recorded with who and when, as `PUT /v1/admin/calendar/{year}` does); open deadlines are
 * recomputed; then back to the calendar page saying how many moved (post/redirect/get).
 */
import { applicationDeps } from '../../composition/applications';
import { consoleWorkbenchCalendarLoadRoute } from '../../contracts/console-workbench';
import { actorOf } from '../../domain/viewer';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { loadYearSchedule } from '../../use-cases/applications/calendar';
import { calendarPage, isRefusal, typedSchedule } from './calendar-form';

/**
 * @example
 * await calendarLoadPage(applicationDeps(), request); // { kind: 'redirect', to: '…/calendar?loaded=2027&moved=3' }
 */
export async function calendarLoadPage(
  deps: Parameters<typeof loadYearSchedule>[0],
  { form, ctx, viewer }: ConsoleRequest<typeof consoleWorkbenchCalendarLoadRoute>,
): Promise<ConsoleResult> {
  const { _csrf: _c, ...values } = form;
  try {
    const { year, schedule } = typedSchedule(values);
    const { stored, recomputed } = await loadYearSchedule(deps, { year, schedule, actor: actorOf(viewer) });
    return { kind: 'redirect', to: `/console/workbench/admin/calendar?loaded=${stored.year}&moved=${recomputed}` };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return calendarPage(deps, ctx, { values, refusal: error });
  }
}

const deps = applicationDeps();

export const handler = consoleRoute(consoleWorkbenchCalendarLoadRoute, (r) => calendarLoadPage(deps, r));
