/**
 * DynamoDB adapter of {@link CalendarRepository}: every loaded year in one partition, `CALENDAR` / `YEAR#{yyyy}`, so
 * building the calendar is one Query.
 *
 * @example
 * const calendars = new DynamoCalendarRepository(dynamoClient(), config().tableName);
 * await calendars.put({ year: 2027, schedule, loadedBy: 'admin-1', loadedAt: new Date().toISOString() });
 */
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CalendarRepository, StoredSchedule } from '../../ports/calendar-repository';
import { queryPartition } from './pagination';

export const calendarKey = (year: number) => ({ pk: 'CALENDAR', sk: `YEAR#${year}` });

export class DynamoCalendarRepository implements CalendarRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<StoredSchedule[]> {
    const items = await queryPartition(this.client, this.tableName, 'CALENDAR');
    return items.map((i) => i.stored as StoredSchedule);
  }

  async put(stored: StoredSchedule): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...calendarKey(stored.year), type: 'calendar', stored } }),
    );
  }
}
