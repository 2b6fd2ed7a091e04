/**
 * The dry run's report in its two shapes: JSON for the API and the CLI, CSV for the admin who opens it in Excel.
 */
import type { ImportPlan } from './import-plan';
import type { ImportProblem } from './import-row';

/**
 * The JSON report: rows read, rows that will be imported (`valid`), rows with at least one finding (`invalid`), and
 * the findings. `valid + invalid === rows`.
 *
 * @example
 * const report: ImportReport = importReport(plan); // { rows: 120, valid: 117, invalid: 3, problems: [...] }
 */
export interface ImportReport {
  readonly rows: number;
  readonly valid: number;
  readonly invalid: number;
  readonly problems: readonly ImportProblem[];
}

/**
 * Summarise a plan as the JSON report.
 *
 * @example
 * importReport(planImport(rows, ctx)).invalid; // 3
 */
export function importReport(plan: ImportPlan): ImportReport {
  const invalidRows = new Set(plan.problems.flatMap((p) => (p.row === null ? [] : [p.row])));
  return {
    rows: plan.rows,
    valid: plan.drafts.reduce((n, d) => n + d.rows.length, 0),
    invalid: invalidRows.size,
    problems: plan.problems,
  };
}

/** Excel runs a cell that starts with one of these as a formula (CSV injection): such cells get a leading `'`. */
const FORMULA_START = /^[=+\-@\t\r]/u;

function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The CSV report: a header `row,column,code,message`, one line per finding, RFC 4180 quoting (commas, quotes and
 * line breaks), CRLF line ends, and a UTF-8 byte order mark so Excel reads the Chinese text right. A cell that
 * Excel would run as a formula is prefixed with `'`.
 *
 * @example
 * await writeFile('report.csv', importReportCsv(plan.problems), 'utf8');
 * // '\uFEFFrow,column,code,message\r\n7,uscc,ROW_USCC_INVALID,"…"\r\n'
 */
export function importReportCsv(problems: readonly ImportProblem[]): string {
  const lines = [['row', 'column', 'code', 'message']];
  for (const p of problems) lines.push([p.row === null ? '' : String(p.row), p.column ?? '', p.code, p.message]);
  return `\uFEFF${lines.map((fields) => fields.map(csvField).join(',')).join('\r\n')}\r\n`;
}
