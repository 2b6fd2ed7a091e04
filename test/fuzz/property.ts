/**
 * One route's property: for every generated request, the answer passes the {@link judge}. Runs with the route's
 * fixed seed, counts what came back (by status, caller and body shape, and how many answers came from past the
 * edge checks), and on failure explains itself: the seed and fast-check path that replay it, the shrunk request as
 * a curl command, and what was answered and logged.
 *
 * @example
 * const outcome = await fuzzRoute(operation, { baseUrl, generator, logs, config });
 * if (outcome.failure) throw new Error(outcome.failure);
 */
import fc from 'fast-check';
import type { FuzzConfig } from './config';
import type { LogCapture } from './log-capture';
import type { Operation } from './operations';
import { EDGE_CODES, idsOf, judge, problemCode } from './oracle';
import { type FuzzRequest, type GeneratorContext, requestArbitrary } from './requests';
import { curlOf, type FuzzResponse, sendRequest } from './wire';

export interface RouteStats {
  requests: number;
  /** Answers from past the edge checks (auth, media type, schema): the use case ran. */
  reachedUseCase: number;
  readonly byStatus: Record<string, number>;
  readonly byCaller: Record<string, number>;
  readonly byShape: Record<string, number>;
  /** Problem codes of the 4xx answers. */
  readonly byCode: Record<string, number>;
  millis: number;
  /** The slowest answer: how long, to what. */
  slowest: { ms: number; what: string };
}

export interface RouteOutcome {
  readonly operationId: string;
  readonly seed: number;
  readonly runs: number;
  readonly stats: RouteStats;
  /** The report of a failed property, or undefined. */
  readonly failure: string | undefined;
}

class AnswerProblem extends Error {
  constructor(
    readonly problems: readonly string[],
    readonly response: FuzzResponse,
  ) {
    super(problems.join('\n'));
  }
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Whether an answer came from the use case rather than the checks in front of it. */
function reachedUseCase(response: FuzzResponse): boolean {
  if (response.status < 400) return true;
  const code = problemCode(response);
  return code !== undefined && !EDGE_CODES.has(code);
}

const excerpt = (response: FuzzResponse): string => {
  const text = response.body.toString('utf8');
  return `${response.status} ${response.headers['content-type'] ?? ''} ${text.length > 600 ? `${text.slice(0, 600)}…` : text}`;
};

/**
 * Run the route's property.
 *
 * @example
 * await fuzzRoute(operation, { baseUrl: runtime.baseUrl, generator: { root, corpus }, logs, config });
 */
export async function fuzzRoute(
  operation: Operation,
  options: {
    readonly baseUrl: string;
    readonly generator: GeneratorContext;
    readonly logs: LogCapture;
    readonly config: FuzzConfig;
  },
): Promise<RouteOutcome> {
  const { baseUrl, generator, logs, config } = options;
  const seed = config.seedFor(operation.operationId);
  const stats: RouteStats = {
    requests: 0,
    reachedUseCase: 0,
    byStatus: {},
    byCaller: {},
    byShape: {},
    byCode: {},
    millis: 0,
    slowest: { ms: 0, what: '' },
  };
  const started = performance.now();
  const property = fc.asyncProperty(requestArbitrary(operation, generator), async (request: FuzzRequest) => {
    const sent = performance.now();
    const response = await sendRequest(baseUrl, request, generator.corpus);
    const ms = performance.now() - sent;
    if (ms > stats.slowest.ms) {
      stats.slowest = {
        ms,
        what: `${response.status} ${request.caller} ${request.shape} ${request.target.slice(0, 120)}`,
      };
    }
    stats.requests++;
    bump(stats.byStatus, String(response.status));
    bump(stats.byCaller, request.caller);
    bump(stats.byShape, request.shape);
    if (reachedUseCase(response)) stats.reachedUseCase++;
    const code = problemCode(response);
    if (code) bump(stats.byCode, code);
    const problems = judge(operation, response, logs.suspiciousFor(idsOf(response)), request);
    if (problems.length > 0) throw new AnswerProblem(problems, response);
  });
  const details = await fc.check(property, {
    seed,
    numRuns: config.runs,
    ...(config.path ? { path: config.path } : {}),
  });
  stats.millis = Math.round(performance.now() - started);
  return {
    operationId: operation.operationId,
    seed,
    runs: config.runs,
    stats,
    failure: details.failed ? failureReport(operation, details, seed, config, generator) : undefined,
  };
}

function failureReport(
  operation: Operation,
  details: fc.RunDetails<[FuzzRequest]>,
  seed: number,
  config: FuzzConfig,
  generator: GeneratorContext,
): string {
  const request = details.counterexample?.[0];
  const error = details.errorInstance;
  const lines = [
    `${operation.method} ${operation.path} (${operation.operationId}) failed after ${details.numRuns} of ${config.runs} runs (shrunk ${details.numShrinks} times)`,
  ];
  if (error instanceof AnswerProblem) {
    lines.push(...error.problems.map((p) => `  - ${p}`), `  answer: ${excerpt(error.response)}`);
  } else lines.push(`  - ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  if (request) lines.push(`  caller: ${request.caller}, body: ${request.shape}, target: ${request.target}`);
  lines.push(
    'Reproduce (this exact counterexample, then shrinking):',
    `  npm run fuzz -- --route ${operation.operationId} --seed ${seed} --path '${details.counterexamplePath}' --runs ${config.runs}`,
    `  (seed ${seed}, path ${details.counterexamplePath}; identifiers are drawn from the seeded state of that run)`,
  );
  if (request) {
    lines.push(
      'The shrunk request against `npm start` (export the tokens it prints):',
      curlOf(request, generator.corpus),
    );
  }
  return lines.join('\n');
}

/**
 * One line per route: requests, statuses, callers, share past the edge checks, time.
 *
 * @example
 * process.stderr.write(summaryTable(outcomes));
 */
export function summaryTable(outcomes: readonly RouteOutcome[]): string {
  const rows = outcomes.map((o) => {
    const statuses = Object.entries(o.stats.byStatus)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    const callers = Object.entries(o.stats.byCaller)
      .map(([c, n]) => `${c}:${n}`)
      .join(' ');
    const codes = Object.entries(o.stats.byCode)
      .sort(([, a], [, b]) => b - a)
      .map(([c, n]) => `${c}×${n}`)
      .join(' ');
    const slowest = `slowest ${Math.round(o.stats.slowest.ms)} ms: ${o.stats.slowest.what}`;
    return `${o.failure ? 'FAIL' : 'ok  '} ${o.operationId.padEnd(26)} ${String(o.stats.requests).padStart(5)} req ${String(o.stats.reachedUseCase).padStart(5)} past edge ${String((o.stats.millis / 1000).toFixed(1)).padStart(6)} s | ${statuses} | ${codes} | ${callers} | ${slowest}`;
  });
  return `${rows.join('\n')}\n`;
}
