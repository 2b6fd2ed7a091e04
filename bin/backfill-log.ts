/**
 * `npm run backfill:log -- --table <table name>` — log every certificate version issued before the transparency log
 * existed (透明日志回填), in issue order. Idempotent and safe beside live traffic: it adds only entries the log lacks,
 * and once it has finished, later runs return at once. The entries wait as pending; the outbox relay wakes the
 * sequencer within a few minutes, which integrates and publishes them.
 *
 * The table name is the stack's output (`TableName`); the region and credentials come from the SDK's own
 * configuration (AWS_REGION, AWS_PROFILE …). The local runtime (`npm start`) runs the same backfill at every start.
 */
import { parseArgs } from 'node:util';
import { backfillTransparencyLog } from '../lambdas/composition/transparency-log';

const USAGE = 'usage: npm run -s backfill:log -- --table <table name>';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { table: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const tableName = values.table ?? process.env.TABLE_NAME;
  if (values.help || !tableName) {
    process.stdout.write(`${USAGE}\n`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const report = await backfillTransparencyLog({ tableName });
  process.stdout.write(
    report.skipped
      ? 'backfill:log: already done (the log records when it finished); nothing to add\n'
      : `backfill:log: ${report.added} of ${report.versions} versions added to the log's pending entries\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`backfill:log: ${(error as Error).message}\n`);
  process.exit(1);
});
