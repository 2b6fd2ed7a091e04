/**
 * POST /console/workbench/admin/calendar/preview — what loading the typed schedule would change, computed by the
 * `previewYearSchedule` use case without writing anything: the days whose status changes and the open applications
 * whose deadlines move from → to, then the Confirm form. A schedule that does not read or does not pass the
 * calendar's rules is drawn again (422) beside its field.
 */
import { applicationDeps } from '../../composition/applications';
import { consoleWorkbenchCalendarPreviewRoute } from '../../contracts/console-workbench';
import { scheduleText } from '../../domain/schedule-text';
import { calendarPreviewBody } from '../../presenters/console/workbench-admin';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import { previewYearSchedule } from '../../use-cases/applications/calendar';
import { calendarPage, isRefusal, typedSchedule } from './calendar-form';

/**
 * @example
 * await calendarPreviewPage(applicationDeps(), request); // the preview page, or the form again (422)
 */
export async function calendarPreviewPage(
  deps: Parameters<typeof previewYearSchedule>[0] & Parameters<typeof calendarPage>[0],
  { form, ctx }: ConsoleRequest<typeof consoleWorkbenchCalendarPreviewRoute>,
): Promise<ConsoleResult> {
  const { _csrf: _c, ...values } = form;
  try {
    const { year, schedule } = typedSchedule(values);
    const preview = await previewYearSchedule(deps, { year, schedule });
    const body = calendarPreviewBody(
      {
        year,
        values: {
          year: String(year),
          holidays: scheduleText(schedule.holidays),
          workdays: scheduleText(schedule.workdays),
        },
        days: preview.days,
        moves: preview.moves,
        ...(preview.replaces
          ? { replaces: { loadedBy: preview.replaces.loadedBy, loadedAt: preview.replaces.loadedAt } }
          : {}),
      },
      ctx,
    );
    return {
      kind: 'page',
      title: { zh: `预览：载入 ${year} 年工作日安排`, en: `Preview: loading the ${year} schedule` },
      body: body.toString(),
      returnPath: '/console/workbench/admin/calendar',
    };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return calendarPage(deps, ctx, { values, refusal: error });
  }
}

const deps = applicationDeps();

export const handler = consoleRoute(consoleWorkbenchCalendarPreviewRoute, (r) => calendarPreviewPage(deps, r));
