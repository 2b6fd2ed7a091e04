/**
 * `npm run backfill:worklist -- --table <table name>` — give every application received before the staff worklist its
 * worklist entries (待办列表回填). Idempotent and safe beside live traffic: an entry of the same or a later revision is
 * left alone, and once it has run to its end a marker makes a later run one read. Run it once after deploying the
 * workbench.
 *
 * The table name is the stack's output (`TableName`; or `TABLE_NAME`); the region and credentials come from the SDK's
 * own configuration (AWS_REGION, AWS_PROFILE …). The local runtime (`npm start`) runs the same backfill at start.
 *
 * @example
 * npm run -s backfill:worklist -- --table permit-prod-table   # prints: 1024 applications indexed
 */
import { parseArgs } from 'node:util';
import { backfillWorklistIn } from '../lambdas/composition/applications';

const USAGE = 'usage: npm run -s backfill:worklist -- --table <table name>';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { table: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const tableName = values.table ?? process.env.TABLE_NAME?.trim();
  if (values.help || !tableName) {
    process.stdout.write(`${USAGE}\n`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const written = await backfillWorklistIn(tableName);
  process.stdout.write(`${written} applications indexed\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`backfill:worklist: ${(error as Error).message}\n`);
  process.exit(1);
});
