/**
 * The environment block every Permit function receives — the variables `lambdas/shared/config.ts` reads at cold
 * start. Resource names are not secrets; what each function may *do* with them is granted per function.
 */
import { METRICS_NAMESPACE, METRICS_SERVICE } from '../../lambdas/ports/metrics';
import {
  buckets,
  consoleSessionKeys,
  cursorKeys,
  logKey,
  pades,
  queues,
  signingKey,
  table,
  webhookSecretsKey,
} from '../resources';
import type { StatefulResources } from '../stacks/stateful-stack';
import type { StageConfig } from '../stage-config';

/** Service name in structured logs and metrics (the metric contract's, `lambdas/ports/metrics.ts`). */
export const SERVICE_NAME = METRICS_SERVICE;

/**
 * @example
 * new PermitFunction(this, 'Health', { definition, environment: functionEnvironment(stage, resources), … });
 */
export function functionEnvironment(stage: StageConfig, resources: StatefulResources): Record<string, string> {
  const env: Record<string, string> = {
    [table.envVar]: resources.table.tableName,
    PUBLIC_BASE_URL: stage.publicBaseUrl,
    PROVINCE_ABBR: stage.province,
    ISSUING_AUTHORITY: stage.issuingAuthority,
    SIGNER: 'kms',
    [signingKey.envVar]: resources.signingKey.keyId,
    // The transparency log's checkpoint key: only its id (only the sequencer's role may sign with it), and the log's
    // origin where the stage names one (else lambdas/shared/config.ts derives it from PUBLIC_BASE_URL).
    [logKey.envVar]: resources.logKey.keyId,
    ...(stage.logOrigin ? { [logKey.originEnvVar]: stage.logOrigin } : {}),
    // The key that seals webhook secrets: only its id (only roles granted `webhookSecrets` may use it).
    [webhookSecretsKey.envVar]: resources.webhookSecretsKey.keyId,
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    // Metrics (docs/metrics.md): CloudWatch EMF lines in namespace Permit (lambdas/composition/metrics.ts).
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    PERMIT_METRICS: 'emf',
    // The shared logger reads LOG_LEVEL; keep it equal to Lambda's own application log level filter.
    LOG_LEVEL: stage.logLevel.application,
    // Stack traces point at the TypeScript sources through the bundled source maps.
    NODE_OPTIONS: '--enable-source-maps',
    // The courier (lambdas/shared/carrier-config.ts); the secret's value stays in SSM, only its name is here.
    SUSPEND_ON_OVERDUE_REVIEW: String(stage.suspendOnOverdueReview),
    // What the public plan pages show of an inspector (code only, or code and name: the authority's policy).
    INSPECTOR_DISCLOSURE: stage.inspectorDisclosure,
    CARRIER_BASE_URL: stage.carrier.baseUrl,
    CARRIER_APP_KEY: stage.carrier.appKey,
    CARRIER_SECRET_PARAMETER: stage.carrier.secretParameterName,
    // The list-cursor key set (lambdas/shared/cursors.ts): only its name; functions serving lists may read it.
    [cursorKeys.envVar]: resources.cursorKeysParameterName,
    // The web console (lambdas/shared/config.ts readConsoleConfig): its OIDC client, its session key set's name, and
    // the documents bucket's regional origin, where its forms post presigned uploads (the CSP's form-action).
    CONSOLE_OIDC_ISSUER: resources.consoleSignIn.issuer,
    CONSOLE_OIDC_CLIENT_ID: resources.consoleSignIn.clientId,
    ...(resources.consoleSignIn.logoutUrl ? { CONSOLE_OIDC_LOGOUT_URL: resources.consoleSignIn.logoutUrl } : {}),
    [consoleSessionKeys.envVar]: resources.consoleSessionKeysParameterName,
    CONSOLE_STORAGE_ORIGIN: `https://${resources.buckets.documents.bucketRegionalDomainName}`,
    // PDF signatures: where the certificate chains and trust anchors are (only their names), and the TSA when set.
    [pades.certificates.envVar]: pades.certificates.parameterName(stage.name),
    [pades.trustAnchors.envVar]: pades.trustAnchors.parameterName(stage.name),
    ...(stage.tsaUrl ? { [pades.tsaUrlEnvVar]: stage.tsaUrl } : {}),
  };
  if (stage.identity.kind === 'external') {
    if (stage.identity.rolesClaim) env.ROLES_CLAIM = stage.identity.rolesClaim;
    if (stage.identity.usccClaim) env.USCC_CLAIM = stage.identity.usccClaim;
  }
  for (const [name, def] of Object.entries(buckets)) {
    env[def.envVar] = resources.buckets[name as keyof typeof buckets].bucketName;
  }
  for (const [name, def] of Object.entries(queues)) {
    const q = resources.queues[name as keyof typeof queues];
    env[def.envVar] = q.queue.queueUrl;
    env[def.deadLetter.envVar] = q.deadLetterQueue.queueUrl;
  }
  return env;
}
