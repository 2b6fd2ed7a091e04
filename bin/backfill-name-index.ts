/**
 * `npm run backfill:name-index -- --table <table name> [--cursor <position>]` — give every certificate issued before
 * the enterprise-name index its entry (企业名称索引回填). Idempotent and safe beside live traffic: run it once after
 * deploying the index, again at any time (it adds only what is missing). Prints its progress after each page with the
 * position to resume from (`--cursor`) should it stop half way.
 *
 * The table name is the stack's output (`TableName`); the region and credentials come from the SDK's own
 * configuration (AWS_REGION, AWS_PROFILE …). The local runtime (`npm start`) runs the same backfill at every start.
 */
import { parseArgs } from 'node:util';
import { backfillCertificateNames } from '../lambdas/composition/name-index';

const USAGE = 'usage: npm run -s backfill:name-index -- --table <table name> [--cursor <position>]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { table: { type: 'string' }, cursor: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const tableName = values.table ?? process.env.TABLE_NAME;
  if (values.help || !tableName) {
    process.stdout.write(`${USAGE}\n`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const report = await backfillCertificateNames({
    tableName,
    ...(values.cursor ? { cursor: values.cursor } : {}),
    onPage: (cursor, r) =>
      process.stderr.write(
        `page ${r.pages}: added ${r.added}, present ${r.present}, missing ${r.missing}${cursor ? `; resume with --cursor ${cursor}` : ''}\n`,
      ),
  });
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`backfill:name-index: ${(error as Error).message}\n`);
  process.exit(1);
});
