/**
 * `npm run worklist:backfill` — give every application stored before the staff worklist its worklist entries (the
 * cloud; the local runtime runs the same at start). Idempotent: an entry of the same or a later revision is left
 * alone, and once it has run to its end a marker makes a later run one read.
 *
 * The table comes from `TABLE_NAME` (the functions' variable: the stateful stack's table), the
 * endpoint and credentials from the SDK's own configuration.
 *
 * @example
 * TABLE_NAME=permit-prod-table npm run -s worklist:backfill   # prints: 1024 applications indexed
 */
import { backfillWorklistIn } from '../lambdas/composition/applications';

const tableName = process.env.TABLE_NAME?.trim();

if (!tableName) {
  process.stderr.write('set TABLE_NAME (the stateful stack’s table)\n');
  process.exitCode = 2;
} else
  backfillWorklistIn(tableName).then(
    (written) => process.stdout.write(`${written} applications indexed\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
