/**
 * One structured logger for the process (Powertools). Personal data never goes in: callers mask addresses and phone
 * numbers with {@link maskPersonal} before logging.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({
  serviceName: 'permit',
  logLevel: (process.env.LOG_LEVEL as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT' | undefined) ?? 'INFO',
});

/** Keep the first and last character of each run of text; hide the rest. `张三丰` → `张*丰`. */
export function maskPersonal(value: string): string {
  if (value.length <= 2) return '*'.repeat(value.length);
  return `${value[0]}${'*'.repeat(Math.min(value.length - 2, 8))}${value[value.length - 1]}`;
}
