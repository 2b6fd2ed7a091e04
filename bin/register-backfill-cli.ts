/**
 * The command line of a register backfill (`npm run backfill:name-index`, `npm run backfill:status-list`): the table by
 * `--table` (or `TABLE_NAME`), a position to resume from by `--cursor`, progress after each page on stderr with that
 * position, the report as JSON on stdout; exit 2 for a usage error, 1 for a failure.
 *
 * @example
 * await runRegisterBackfill('backfill:status-list', (options) => backfillCertificateSlots(options));
 */
import { parseArgs } from 'node:util';

type Run<R> = (options: {
  readonly tableName: string;
  readonly cursor?: string;
  readonly onPage: (cursor: string | undefined, report: R) => void;
}) => Promise<R>;

export async function runRegisterBackfill<R extends { readonly pages: number }>(name: string, run: Run<R>) {
  const usage = `usage: npm run -s ${name} -- --table <table name> [--cursor <position>]`;
  try {
    const { values } = parseArgs({
      options: { table: { type: 'string' }, cursor: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    const tableName = values.table ?? process.env.TABLE_NAME;
    if (values.help || !tableName) {
      process.stdout.write(`${usage}\n`);
      if (!values.help) process.exitCode = 2;
      return;
    }
    const report = await run({
      tableName,
      ...(values.cursor ? { cursor: values.cursor } : {}),
      onPage: (cursor, r) => {
        const { pages, ...counts } = r;
        const figures = Object.entries(counts)
          .map(([k, v]) => `${k} ${String(v)}`)
          .join(', ');
        process.stderr.write(`page ${pages}: ${figures}${cursor ? `; resume with --cursor ${cursor}` : ''}\n`);
      },
    });
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } catch (error) {
    process.stderr.write(`${name}: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
