/**
 * Port: the working-day schedules admins loaded. Adapter: `lambdas/adapters/dynamo/calendar-repository.ts`.
 */

import type { YearSchedule } from '../domain/working-days';

/**
 * A year's official working-day schedule as an admin loaded it.
 *
 * @example
 * const stored: StoredSchedule = { year: 2027, schedule, loadedBy: 'admin-1', loadedAt: '2026-12-01T…' };
 */
export interface StoredSchedule {
  readonly year: number;
  readonly schedule: YearSchedule;
  readonly loadedBy: string;
  readonly loadedAt: string;
}

/**
 * Stored working-day schedules.
 *
 * @example
 * const calendar = (await calendars.list()).reduce((c, s) => c.withSchedule(s.year, s.schedule), base);
 */
export interface CalendarRepository {
  list(): Promise<readonly StoredSchedule[]>;
  put(schedule: StoredSchedule): Promise<void>;
}
