/**
 * What the calendar pages share: the calendar page's model (the years in use, the form's values and errors) and a
 * refusal of the typed schedule turned into errors beside its fields, with the schedule check's own messages.
 *
 * @example
 * return calendarPage(deps, ctx, { values: form, refusal: error, status: 422 });
 */

import { CalendarScheduleBody } from '../../contracts/inspections';
import { localDateOf } from '../../domain/dates';
import { type FieldIssue, PermitError } from '../../domain/errors';
import { scheduleFromText, scheduleText } from '../../domain/schedule-text';
import type { YearSchedule } from '../../domain/working-days';
import type { Clock } from '../../ports/clock';
import type { ConsoleContext } from '../../presenters/console/context';
import { type CalendarYear, calendarBody, type ScheduleValues } from '../../presenters/console/workbench-admin';
import type { ConsoleResult } from '../../shared/console-route';
import { parseRequestPart } from '../../shared/http';
import { calendarYears } from '../../use-cases/applications/calendar';

const FIELDS = ['year', 'holidays', 'workdays'] as const;

/**
 * A refusal's codes and messages by form field.
 *
 * @example
 * scheduleErrors(error); // { errors: { holidays: ['WORKING_SCHEDULE_INVALID'] }, notes: { holidays: ['2026-01-01 is not in 2027'] } }
 */
export function scheduleErrors(error: PermitError): {
  errors: Record<string, string[]>;
  notes: Record<string, string[]>;
} {
  const errors: Record<string, string[]> = {};
  const notes: Record<string, string[]> = {};
  const issues = (error.details.issues ?? []) as readonly FieldIssue[];
  for (const issue of issues.length > 0 ? issues : [{ field: '', message: '' }]) {
    const path = issue.field.replace(/^body\./, '');
    const field = FIELDS.find((f) => path === f || path.startsWith(`${f}.`)) ?? '';
    errors[field] = [...new Set([...(errors[field] ?? []), error.code])];
    if (issue.message && field) notes[field] = [...(notes[field] ?? []), issue.message];
  }
  return { errors, notes };
}

/**
 * The calendar page (200), or drawn again with a refusal (422).
 *
 * @example
 * await calendarPage(deps, ctx, {});
 */
export async function calendarPage(
  deps: Parameters<typeof calendarYears>[0] & { readonly clock: Clock },
  ctx: ConsoleContext,
  input: {
    readonly values?: ScheduleValues;
    readonly refusal?: PermitError;
    readonly loaded?: { readonly year: number; readonly moved?: number };
    /** A loaded year whose schedule prefills the form. */
    readonly edit?: number;
  },
): Promise<ConsoleResult> {
  const inUse = await calendarYears(deps, localDateOf(deps.clock.now()));
  const editing = inUse.find((y) => y.year === input.edit)?.stored;
  const values: ScheduleValues =
    input.values ??
    (editing
      ? {
          year: String(editing.year),
          holidays: scheduleText(editing.schedule.holidays),
          workdays: scheduleText(editing.schedule.workdays),
        }
      : {});
  const years: CalendarYear[] = inUse.map((y) => ({
    year: y.year,
    source: y.source,
    ...(y.stored
      ? {
          loadedBy: y.stored.loadedBy,
          loadedAt: y.stored.loadedAt,
          holidays: y.stored.schedule.holidays.length,
          workdays: y.stored.schedule.workdays.length,
        }
      : {}),
  }));
  const refused = input.refusal ? scheduleErrors(input.refusal) : { errors: {}, notes: {} };
  return {
    kind: 'page',
    ...(input.refusal ? { status: 422, returnPath: '/console/workbench/admin/calendar' } : {}),
    title: { zh: '工作日日历', en: 'Working-day calendar' },
    body: calendarBody(
      {
        years,
        values,
        errors: refused.errors,
        notes: refused.notes,
        ...(input.loaded ? { loaded: input.loaded } : {}),
      },
      ctx,
    ).toString(),
  };
}

/**
 * The typed schedule as the API's `putWorkingCalendar` body, checked by the API's own schema (the same limits: at most
 * 60 holidays and 30 adjusted working days), so the page takes exactly what the API takes.
 *
 * @example
 * const { year, schedule } = typedSchedule({ year: '2027', holidays: '2027-01-01', workdays: '' });
 */
export function typedSchedule(values: {
  readonly year?: string | undefined;
  readonly holidays?: string | undefined;
  readonly workdays?: string | undefined;
}): { year: number; schedule: YearSchedule } {
  const { year, schedule } = scheduleFromText(values);
  return { year, schedule: parseRequestPart(CalendarScheduleBody, schedule, 'body') };
}

/** Whether an error is the typed schedule's refusal (drawn beside the fields), not a fault. */
export const isRefusal = (error: unknown): error is PermitError =>
  error instanceof PermitError && error.kind === 'invalid';
