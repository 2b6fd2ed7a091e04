/**
 * In-memory {@link CalendarRepository} on the shared {@link FakeTable}: one schedule per year (loading a year again
 * replaces it), listed by year.
 *
 * @example
 * const calendars = new FakeCalendarRepository(table);
 * await calendars.put({ year: 2027, schedule, loadedBy: 'admin-1', loadedAt: clock.now().toISOString() });
 */
import type { CalendarRepository, StoredSchedule } from '../../../lambdas/ports/calendar-repository';
import { stored } from './storage';
import { FakeTable } from './table';

export class FakeCalendarRepository implements CalendarRepository {
  constructor(readonly table: FakeTable = new FakeTable()) {}

  async list(): Promise<readonly StoredSchedule[]> {
    return [...this.table.calendars.values()].sort((a, b) => a.year - b.year).map(stored);
  }

  async put(schedule: StoredSchedule): Promise<void> {
    this.table.calendars.set(schedule.year, stored(schedule));
  }
}
