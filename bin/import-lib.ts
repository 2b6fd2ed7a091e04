/**
 * The testable part of `npm run import` (`bin/import.ts` wires it to the process): upload a licence file to the API,
 * start a dry run or a run, follow its progress with a bar, and print the final report (and write it as CSV).
 *
 * The API is Permit's own (`docs/import.md`): `POST /v1/imports/uploads` (a presigned POST for the file),
 * `POST /v1/imports`, `GET /v1/imports/{id}` until finished, `GET /v1/imports/{id}/report(.csv)`. Every call carries the
 * admin's bearer token.
 *
 * Exit codes: 0 every row checked or imported; 1 some rows were refused or failed, or the file itself was refused (its
 * code printed); 2 usage, a file that cannot be read, or the service could not be reached or refused the request.
 */
import { extname } from 'node:path';
import type { ImportProgress } from '../lambdas/domain/import/import-job';
import type { ImportProblem } from '../lambdas/domain/import/import-row';

/** What the command says when its arguments are wrong. @example console.error(USAGE); */
export const USAGE = `usage: npm run import -- <file.csv | file.xlsx> [--dry-run] [--paper] [--headers <map.json>]
                         [--url <base URL>] [--token <admin token>] [--report <out.csv>] [--format csv|xlsx]
  --dry-run   check every row and report; nothing is written
  --paper     every licence gets a free paper copy unless its row says 否 (the file needs the mailing columns)
  --headers   JSON {"单位名称": "enterpriseName", …} for header names the provincial export does not use
  --url       the service (default http://127.0.0.1:$PORT or :3000, as npm start runs it)
  --token     an admin's bearer token (default $PERMIT_TOKEN; locally one is made for you)
  --report    where to write the report CSV (default <file>.report.csv)`;

/**
 * A reason to stop with exit code 2 (bad arguments, unreadable file, a request refused).
 *
 * @example
 * throw new ImportCliError('no file given');
 */
export class ImportCliError extends Error {}

/**
 * The parsed command line.
 *
 * @example
 * parseImportArgs(['licences.xlsx', '--dry-run']).dryRun; // true
 */
export interface ImportArgs {
  readonly file: string;
  readonly format: 'csv' | 'xlsx';
  readonly dryRun: boolean;
  readonly paper: boolean;
  readonly headers?: string;
  readonly url?: string;
  readonly token?: string;
  readonly report?: string;
}

/**
 * Read the arguments; the format from `--format` or the file's extension.
 *
 * @example
 * parseImportArgs(['a.csv', '--paper']); // { file: 'a.csv', format: 'csv', dryRun: false, paper: true }
 */
export function parseImportArgs(argv: readonly string[]): ImportArgs {
  const values: Record<string, string | boolean> = {};
  const positional: string[] = [];
  const takesValue = new Set(['--headers', '--url', '--token', '--report', '--format']);
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--dry-run' || arg === '--paper') values[arg] = true;
    else if (takesValue.has(arg)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new ImportCliError(`${arg} needs a value`);
      values[arg] = value;
      i += 1;
    } else if (arg.startsWith('--')) throw new ImportCliError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new ImportCliError('give exactly one file');
  const file = positional[0] as string;
  const format = (values['--format'] as string | undefined) ?? extname(file).slice(1).toLowerCase();
  if (format !== 'csv' && format !== 'xlsx') {
    throw new ImportCliError(`cannot tell the format of ${file}: name it .csv or .xlsx, or pass --format`);
  }
  const optional = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const [headers, url, token, report] = ['--headers', '--url', '--token', '--report'].map(optional);
  return {
    file,
    format,
    dryRun: values['--dry-run'] === true,
    paper: values['--paper'] === true,
    ...(headers ? { headers } : {}),
    ...(url ? { url } : {}),
    ...(token ? { token } : {}),
    ...(report ? { report } : {}),
  };
}

/** Progress as the API reports it (`ImportView.progress`). */
export type ProgressJson = ImportProgress;

/**
 * `2m 05s`, `45s`, `1h 02m`.
 *
 * @example
 * formatDuration(125); // '2m 05s'
 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

const BAR_WIDTH = 30;

/**
 * One line of progress: a bar of the rows finished (imported or failed) out of the total, the counts, the rate and the
 * time left.
 *
 * @example
 * progressLine('running', { total: 10000, done: 2500, failed: 12, pending: 7488, rowsPerSecond: 41.7, etaSeconds: 180,
 *   finished: false }); // '[████████░░…]  25% 2,512/10,000 rows · 2,500 imported · 12 failed · 41.7 rows/s · 3m 00s left'
 * progressLine('planning', p); // '[░░░…]   0% checking the file…'
 */
export function progressLine(state: string, p: ProgressJson): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const bar = (share: number) => {
    const filled = Math.round(share * BAR_WIDTH);
    return `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%`;
  };
  if (state === 'planning') return `${bar(0)} checking the file…`;
  if (state === 'checked') return `${bar(1)} ${n(p.total)} rows checked · ${n(p.failed)} refused`;
  const finished = p.done + p.failed;
  const parts = [
    `${bar(p.finished || p.total === 0 ? 1 : finished / p.total)} ${n(finished)}/${n(p.total)} rows`,
    `${n(p.done)} imported`,
    `${n(p.failed)} failed`,
  ];
  if (p.rowsPerSecond !== null) parts.push(`${p.rowsPerSecond} rows/s`);
  if (!p.finished && p.etaSeconds !== null) parts.push(`${formatDuration(p.etaSeconds)} left`);
  return parts.join(' · ');
}

/** One finding of the report. */
export type ProblemJson = ImportProblem;

/** Findings printed in full; the rest are counted and left to the CSV. */
const SHOWN = 20;

/**
 * The final report as lines: the outcome, then the first findings, then where the CSV went.
 *
 * @example
 * reportLines({ id, state: 'done', dryRun: false, progress, problems, csvPath: 'a.report.csv' }).join('\n');
 */
export function reportLines(r: {
  readonly id: string;
  readonly state: string;
  readonly dryRun: boolean;
  readonly progress: ProgressJson;
  readonly problems: readonly ProblemJson[];
  readonly error?: { readonly code: string; readonly message: string };
  readonly csvPath?: string;
}): string[] {
  if (r.state === 'failed') {
    return [`✕ ${r.id}: the file was refused — ${r.error?.code ?? 'IMPORT_FAILED'}: ${r.error?.message ?? ''}`];
  }
  const { total, done, failed } = r.progress;
  const lines = r.dryRun
    ? [
        `${failed === 0 ? '✓' : '!'} ${r.id} (dry run): ${total} rows checked — ${total - failed} would be imported, ` +
          `${failed} refused. Nothing was written.`,
      ]
    : [`${failed === 0 ? '✓' : '!'} ${r.id}: ${total} rows — ${done} imported, ${failed} failed.`];
  for (const p of r.problems.slice(0, SHOWN)) {
    lines.push(`  row ${p.row ?? '-'}${p.column ? ` ${p.column}` : ''}: ${p.code} — ${p.message}`);
  }
  if (r.problems.length > SHOWN) lines.push(`  … and ${r.problems.length - SHOWN} more findings`);
  if (r.csvPath) lines.push(`report: ${r.csvPath}`);
  return lines;
}
