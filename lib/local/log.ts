/**
 * The runtime's own log (start-up, access lines, handler failures, poller errors) — distinct from the handlers'
 * structured Powertools logs, which go to stdout as they would to CloudWatch.
 *
 * @example
 * const log = consoleLog();
 * log.info('gateway listening', { url });
 */
export interface RuntimeLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const format = (level: string, message: string, fields?: Record<string, unknown>): string => {
  const extra = fields
    ? Object.entries(fields)
        .map(
          ([k, v]) =>
            `${k}=${v instanceof Error ? (v.stack ?? v.message) : typeof v === 'string' ? v : JSON.stringify(v)}`,
        )
        .join(' ')
    : '';
  return `[permit ${level}] ${message}${extra ? ` ${extra}` : ''}\n`;
};

/** Writes to stderr, leaving stdout to the handlers' JSON logs. */
export const consoleLog = (): RuntimeLog => ({
  info: (m, f) => process.stderr.write(format('info', m, f)),
  warn: (m, f) => process.stderr.write(format('warn', m, f)),
  error: (m, f) => process.stderr.write(format('error', m, f)),
});

/** Only warnings and errors (tests). */
export const quietLog = (): RuntimeLog => ({
  info: () => {},
  warn: (m, f) => process.stderr.write(format('warn', m, f)),
  error: (m, f) => process.stderr.write(format('error', m, f)),
});

export const silentLog = (): RuntimeLog => ({ info: () => {}, warn: () => {}, error: () => {} });
