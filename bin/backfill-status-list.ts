/**
 * `npm run backfill:status-list -- --table <table name> [--cursor <position>]` — give every licence issued before the
 * status list its slot in it (状态列表序号回填), drawn at random among free slots. Idempotent and safe beside live
 * traffic: run it once after deploying the list, again at any time (it assigns only what is missing). Prints its
 * progress after each page with the position to resume from (`--cursor`).
 *
 * The table name is the stack's output (`TableName`); the region and credentials come from the SDK's own
 * configuration (AWS_REGION, AWS_PROFILE …). The local runtime (`npm start`) runs the same backfill at every start.
 */
import { backfillCertificateSlots } from '../lambdas/composition/register-backfills';
import { runRegisterBackfill } from './register-backfill-cli';

await runRegisterBackfill('backfill:status-list', backfillCertificateSlots);
