/**
 * Prints working-day answers as JSON; run in a child process under another TZ by working-days.test.ts, so that every
 * module (the calendar library included) is loaded in that zone.
 *
 * @example
 * TZ=America/Los_Angeles node --import tsx test/support/tz-probe.ts
 */
import { parseLocalDate } from '../../lambdas/domain/dates';
import { WorkingCalendar } from '../../lambdas/domain/working-days';

const calendar = WorkingCalendar.fromLibrary();
const d = parseLocalDate;
process.stdout.write(
  JSON.stringify({
    tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
    '2026-10-01': calendar.isWorkingDay(d('2026-10-01')),
    '2026-10-08': calendar.isWorkingDay(d('2026-10-08')),
    '2026-10-10': calendar.isWorkingDay(d('2026-10-10')),
    '2026-10-11': calendar.isWorkingDay(d('2026-10-11')),
    deadline: calendar.addWorkingDays(d('2026-09-28'), 9).date,
    announced2027: calendar.isAnnounced(2027),
  }),
);
