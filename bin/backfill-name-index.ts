/**
 * `npm run backfill:name-index -- --table <table name> [--cursor <position>]` — give every certificate issued before
 * the enterprise-name index its entry (企业名称索引回填). Idempotent and safe beside live traffic: run it once after
 * deploying the index, again at any time (it adds only what is missing). Prints its progress after each page with the
 * position to resume from (`--cursor`) should it stop half way.
 *
 * The table name is the stack's output (`TableName`); the region and credentials come from the SDK's own
 * configuration (AWS_REGION, AWS_PROFILE …). The local runtime (`npm start`) runs the same backfill at every start.
 */
import { backfillCertificateNames } from '../lambdas/composition/register-backfills';
import { runRegisterBackfill } from './register-backfill-cli';

await runRegisterBackfill('backfill:name-index', backfillCertificateNames);
