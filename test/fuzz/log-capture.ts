/**
 * What the runtime and the handlers logged during a fuzz run, so a property can fail on an error that never reached
 * the status line: a handler that caught an unexpected error (a DynamoDB `ValidationException`, a `TypeError`) and
 * answered 4xx or a degraded 200 still leaves its trace here.
 *
 * Two sources, both in this process: the runtime's own log (the `log` option of `startLocalRuntime`: function
 * failures, gateway failures, poller errors) and the handlers' Powertools logger, which writes one JSON line per
 * entry to `process.stdout` (warnings and errors to `process.stderr`). Entries are kept in memory and matched to a request by its `apigw-requestid` /
 * `x-correlation-id`; handler lines are swallowed (set `FUZZ_VERBOSE=1` to see them).
 *
 * @example
 * const logs = captureLogs();
 * const runtime = await startTestRuntime({ log: logs.runtimeLog });
 * logs.suspiciousFor(['JKJaXmPLvHcESHA=']); // entries of that request that are defects
 * logs.restore();
 */
import type { RuntimeLog } from '../../lib/local/log';

export interface LogEntry {
  readonly source: 'runtime' | 'handler';
  readonly level: string;
  readonly message: string;
  /** The request or correlation ids the entry names (empty when it names none: pollers, timers). */
  readonly ids: readonly string[];
  /** The entry as text, for failure reports. */
  readonly text: string;
}

export interface LogCapture {
  readonly runtimeLog: RuntimeLog;
  /** Every entry so far. */
  readonly entries: readonly LogEntry[];
  /** Defect entries (see {@link isDefect}) naming one of these ids. */
  suspiciousFor(ids: readonly string[]): LogEntry[];
  /** Defect entries that name no request (queue pollers, scheduled jobs). */
  unattributed(): LogEntry[];
  restore(): void;
}

/** An error thrown below the edge that a handler or the runtime had to catch: never expected, whatever the status. */
const DEFECT_PATTERNS = [/ValidationException/, /TypeError/, /RangeError/, /SyntaxError/, /URIError/];

/**
 * A log entry that is a defect: anything at error level, and any entry (a warning about a "degraded" answer, say)
 * that carries one of the exceptions a caller's input must never provoke.
 *
 * @example
 * isDefect({ source: 'handler', level: 'WARN', message: 'verification degraded', ids: [], text: '…ValidationException…' });
 */
export function isDefect(entry: LogEntry): boolean {
  if (/^error$/i.test(entry.level)) return true;
  return DEFECT_PATTERNS.some((p) => p.test(entry.text));
}

const stringify = (value: unknown): string => {
  try {
    return JSON.stringify(value, (_k, v: unknown) =>
      v instanceof Error ? { name: v.name, message: v.message, stack: v.stack, cause: v.cause } : v,
    );
  } catch {
    return String(value);
  }
};

const idsOf = (fields: Record<string, unknown> | undefined): string[] =>
  ['requestId', 'correlationId', 'correlation_id']
    .map((k) => fields?.[k])
    .filter((v): v is string => typeof v === 'string' && v !== '');

/**
 * Start capturing; call `restore()` when done.
 *
 * @example
 * const logs = captureLogs();
 */
export function captureLogs(options: { readonly echo?: boolean } = {}): LogCapture {
  const entries: LogEntry[] = [];
  const echo = options.echo ?? process.env.FUZZ_VERBOSE === '1';
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    const text = `${message} ${stringify(fields ?? {})}`;
    entries.push({ source: 'runtime', level, message, ids: idsOf(fields), text });
    if (echo) process.stderr.write(`[permit ${level}] ${text.slice(0, 2000)}\n`);
  };
  const runtimeLog: RuntimeLog = { info: record('info'), warn: record('warn'), error: record('error') };

  const handlerLine = (line: string): boolean => {
    if (!line.startsWith('{')) return false;
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return false;
    }
    if (typeof parsed.level !== 'string' || typeof parsed.message !== 'string') return false;
    entries.push({ source: 'handler', level: parsed.level, message: parsed.message, ids: idsOf(parsed), text: line });
    return true;
  };
  // Powertools writes info and debug to stdout, warnings and errors to stderr (console.warn / console.error).
  const restores = [process.stdout, process.stderr].map((stream) => {
    const originalWrite = stream.write.bind(stream);
    let pending = '';
    stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
      pending += text;
      let out = '';
      let newline = pending.indexOf('\n');
      while (newline !== -1) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (!handlerLine(line) || echo) out += `${line}\n`;
        newline = pending.indexOf('\n');
      }
      if (out !== '') return (originalWrite as (...a: unknown[]) => boolean)(out, ...rest);
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
    return () => {
      stream.write = originalWrite as typeof stream.write;
    };
  });

  return {
    runtimeLog,
    entries,
    suspiciousFor: (ids) => {
      const wanted = new Set(ids.filter((id) => id !== ''));
      return entries.filter((e) => isDefect(e) && e.ids.some((id) => wanted.has(id)));
    },
    unattributed: () => entries.filter((e) => isDefect(e) && e.ids.length === 0),
    restore: () => {
      for (const restore of restores) restore();
    },
  };
}
