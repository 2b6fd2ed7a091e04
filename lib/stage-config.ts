/**
 * Typed deployment stages. `bin/app.ts` picks one with `-c stage=dev|prod` (default `dev`); everything that differs
 * between deployments lives here, so the stacks hold no stage-specific literals.
 *
 * `prod` is the mainland-China deployment (partition `aws-cn`). Amazon Cognito user pools do not exist in the China
 * regions (CloudFormation's own resource registry for cn-north-1 / cn-northwest-1 has no `AWS::Cognito::UserPool`,
 * which test/infra checks), so `prod` trusts the provincial government portal's OpenID Connect issuer directly,
 * while `dev` runs in a global region with a Cognito user pool. The stacks themselves are partition-agnostic.
 *
 * @example
 * const stage = selectStage(app.node.tryGetContext('stage'), { publicBaseUrl: 'https://permit.example.gov.cn' });
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { ApplicationLogLevel, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CONSOLE_PATHS } from '../lambdas/shared/console/deps';
import { logKey } from './resources';

/** How the HTTP API's JWT authorizer learns who may call it. */
export type IdentityConfig = CognitoIdentityConfig | ExternalIdentityConfig;

/** A Cognito user pool in the stateful stack issues the tokens (global regions only). */
export interface CognitoIdentityConfig {
  readonly kind: 'cognito';
  // The console client's callback and logout URLs are not written here: they are the stage's `publicBaseUrl` plus
  // the console's paths (`consoleRedirectUrls`), so `-c publicBaseUrl=…` keeps Cognito's redirect valid.
  /**
   * The hosted UI's Cognito domain prefix (`<prefix>.auth.<region>.amazoncognito.com`), where the console sends the
   * browser to sign in and out. Globally unique within a region.
   */
  readonly hostedUiDomainPrefix: string;
  /**
   * Cognito threat protection (compromised credentials, adaptive authentication), which needs the Plus feature
   * plan. Turn it on only where the plan is offered in the stage's region.
   */
  readonly threatProtection: boolean;
  /**
   * The provincial government portal's OpenID Connect sign-in, federated into the user pool. Absent until the
   * portal issues Permit a client; when present, a `UserPoolIdentityProviderOidc` is created.
   */
  readonly governmentPortal?: OidcFederationConfig;
}

/**
 * No user pool: the JWT authorizer trusts an external OpenID Connect issuer directly — the identity of the China
 * regions, where Cognito user pools are not offered. The issuer's tokens carry the roles and the USCC under the
 * claims named here (functions receive them as `ROLES_CLAIM` / `USCC_CLAIM`, read by `lambdas/shared/identity.ts`).
 */
export interface ExternalIdentityConfig {
  readonly kind: 'external';
  /** Issuer URL exactly as it appears in the tokens' `iss` claim. */
  readonly issuer: string;
  /** Accepted `aud` (or `client_id`) values. */
  readonly audience: readonly string[];
  /** Claim holding the roles (officer, reviewer, admin, enterprise); default `cognito:groups`. */
  readonly rolesClaim?: string;
  /** Claim holding the enterprise's USCC; default `custom:uscc`. */
  readonly usccClaim?: string;
  /** The web console's OIDC client at the issuer (authorization code + PKCE, public client); one of `audience`. */
  readonly consoleClientId: string;
  /** The issuer's logout endpoint, when its discovery document names none. */
  readonly consoleLogoutUrl?: string;
}

/** The portal's OIDC client registration for Permit. */
export interface OidcFederationConfig {
  /** Provider name shown on the hosted sign-in page and used in `identity_provider` requests. */
  readonly providerName: string;
  readonly issuerUrl: string;
  readonly clientId: string;
  /** Secrets Manager secret holding the client secret (resolved by CloudFormation, never in the template). */
  readonly clientSecretName: string;
  readonly scopes: readonly string[];
}

/**
 * The courier that mails paper certificates (docs/carrier-api.md). The app secret lives in SSM Parameter Store as a
 * SecureString (encrypted with the account's `aws/ssm` key), created by the operators, never in the template.
 */
export interface CarrierStageConfig {
  /** The carrier's open-API base URL. */
  readonly baseUrl: string;
  /** Permit's app key at the carrier (not secret). */
  readonly appKey: string;
  /** Name of the SSM parameter holding the app secret, starting with `/`. */
  readonly secretParameterName: string;
}

/**
 * The KMS key spec of the transparency log's checkpoint key. Only Ed25519: the checkpoint signer
 * (`lambdas/adapters/signing/log-signers.ts`) writes C2SP signed notes with Ed25519 signatures and nothing else.
 */
export type LogKeySpec = typeof logKey.keySpec;

/**
 * How functions are traced: `powertools` — Lambda active tracing (X-Ray) plus the Powertools Tracer (AWS SDK calls
 * and handlers as subsegments, `POWERTOOLS_TRACE_ENABLED=true`); `lambda-only` — Lambda active tracing alone;
 * `off` — no tracing. Every function bundles the Powertools Tracer (~125 KiB) exactly where the stage traces with it,
 * so the `verify` bundle's 500 KiB holds in `lambda-only` and `off` stages (prod) and is ~580 KiB under `powertools`.
 */
export type TracingMode = 'powertools' | 'lambda-only' | 'off';

/** How functions with `scheduleMinutes` are triggered. */
export type SchedulerKind = 'eventbridge-scheduler' | 'eventbridge-rule';

export interface StageConfig {
  /** Short lower-case name, used in stack names, aliases and tags. */
  readonly name: string;
  readonly region: string;
  /** Account to deploy to; when absent the CLI's default account (or none, for an offline synth). */
  readonly account?: string;
  /** Base URL printed in QR codes and links (the API's custom domain, with its ICP filing in mainland China). */
  readonly publicBaseUrl: string;
  /** Province abbreviation in licence numbers, e.g. 鄂. */
  readonly province: string;
  /** Issuing authority printed on certificates. */
  readonly issuingAuthority: string;
  /** Retention of function and API access logs, and of S3 server access logs. */
  readonly logRetention: RetentionDays;
  /**
   * Removal policy of disposable resources (log groups, the alarm topic). Records — the table, buckets, signing
   * key and user pool — are always retained: certificates are legal records a stack deletion must never take.
   */
  readonly removalPolicy: RemovalPolicy;
  readonly terminationProtection: boolean;
  /** Address subscribed to the operational alarms (`docs/operations.md`); none when absent. */
  readonly alarmEmail?: string;
  /**
   * HTTP API throttling, the cloud rate limit: AWS WAF cannot attach to an HTTP API, and CloudFront with a
   * us-east-1 web ACL does not exist in the China partition, so stage and per-route throttling are what we use.
   */
  readonly throttling: {
    /** Default route settings: steady requests per second and burst across the stage. */
    readonly rateLimit: number;
    readonly burstLimit: number;
    /** Tighter per-route limits for routes whose contract says `access: 'public'` (abuse and cost control). */
    readonly publicRateLimit: number;
    readonly publicBurstLimit: number;
  };
  /** Browser origins allowed by CORS; CORS is off when absent (the console is served from the API's own origin). */
  readonly corsAllowOrigins?: readonly string[];
  readonly logLevel: { readonly application: ApplicationLogLevel; readonly system: SystemLogLevel };
  readonly identity: IdentityConfig;
  readonly scheduler: SchedulerKind;
  /** See {@link TracingMode}. */
  readonly tracing: TracingMode;
  readonly carrier: CarrierStageConfig;
  /**
   * PDF signatures (`docs/pdf-signatures.md`): the RFC 3161 timestamp authority's URL (B-T); absent: B-B only. The
   * certificate chains and trust anchors are SSM parameters at `pades` paths in `lib/resources.ts`.
   */
  readonly tsaUrl?: string;
  /** Suspend a licence whose post-issuance review becomes overdue (else the review is only marked overdue). */
  readonly suspendOnOverdueReview: boolean;
  /**
   * What the public pages of a spot-check plan show of its inspectors: `code` (pseudonymous codes only) or
   * `code-and-name`, where the authority's disclosure policy publishes names (`lambdas/shared/config.ts`).
   */
  readonly inspectorDisclosure: 'code' | 'code-and-name';
  /**
   * Key spec of the transparency log's checkpoint-signing KMS key; default `ECC_NIST_EDWARDS25519` ({@link logKey}).
   * Whether KMS offers Ed25519 in the China regions (cn-north-1 / cn-northwest-1) is not yet confirmed from here. If
   * it does not, the stateful stack fails to create this key, and there is no other spec to fall back on (the signer
   * is Ed25519 only): deploy the stage in a region that has it, or first add a signer for another algorithm.
   */
  readonly logKeySpec?: LogKeySpec;
  /**
   * The transparency log's origin (`LOG_ORIGIN`): the first line of every checkpoint and its key's name, which
   * verifiers pin, so it must never change once a checkpoint is published. Default (when absent):
   * `<host of publicBaseUrl>/log`, derived by `lambdas/shared/config.ts` — set it here if the public host may change.
   * No whitespace and no plus sign (C2SP signed note).
   */
  readonly logOrigin?: string;
  /** Operational alarm thresholds the stage tunes; the rest are {@link DEFAULT_ALARM_THRESHOLDS}. */
  readonly alarms?: Partial<AlarmThresholds>;
}

/**
 * Thresholds of the operational alarms (`lib/constructs/operations-dashboard.ts`, runbook `docs/operations.md`) that an
 * authority tunes to its own traffic. Each is optional in a stage; {@link alarmThresholds} fills in the defaults.
 */
export interface AlarmThresholds {
  /** Share of HTTP API requests answered 5xx over 5 minutes, in percent, at or above which the alarm fires. */
  readonly http5xxRatePercent: number;
  /** Fewest requests in 5 minutes for the 5xx rate to count (one error at night among three requests does not page). */
  readonly http5xxMinRequests: number;
  /** Verification latency p99 over 5 minutes, in milliseconds, above which the alarm fires. */
  readonly verificationP99Ms: number;
  /** Age of the oldest issued certificate whose paper copy is not yet with the carrier, in hours. */
  readonly oldestUndispatchedHours: number;
  /** Age of the oldest certificate change not yet in the transparency log, in minutes. */
  readonly logIntegrationLagMinutes: number;
}

/**
 * The alarm thresholds a stage does not set.
 *
 * @example
 * DEFAULT_ALARM_THRESHOLDS.verificationP99Ms; // 300
 */
export const DEFAULT_ALARM_THRESHOLDS: AlarmThresholds = Object.freeze({
  http5xxRatePercent: 5,
  http5xxMinRequests: 20,
  verificationP99Ms: 300,
  oldestUndispatchedHours: 48,
  logIntegrationLagMinutes: 10,
});

/**
 * A stage's alarm thresholds, its own where it sets them and {@link DEFAULT_ALARM_THRESHOLDS} elsewhere.
 *
 * @example
 * alarmThresholds(selectStage('dev')).http5xxMinRequests; // 20
 */
export function alarmThresholds(stage: Pick<StageConfig, 'alarms'>): AlarmThresholds {
  return { ...DEFAULT_ALARM_THRESHOLDS, ...stage.alarms };
}

const HUBEI = { province: '鄂', issuingAuthority: '湖北省市场监督管理局' } as const;

/**
 * The stages Permit deploys to. Values under `example.gov.cn` are placeholders for the authority's real domain and
 * its portal's OIDC registration; `-c publicBaseUrl=…` overrides the base URL at synth time.
 */
export const stages = {
  /** Development and demos with synthetic data, in a global region (not opt-in) where Cognito user pools exist. */
  dev: {
    name: 'dev',
    region: 'ap-southeast-1',
    publicBaseUrl: 'https://permit-dev.example.gov.cn',
    ...HUBEI,
    logRetention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
    terminationProtection: false,
    throttling: { rateLimit: 50, burstLimit: 100, publicRateLimit: 20, publicBurstLimit: 40 },
    logLevel: { application: ApplicationLogLevel.DEBUG, system: SystemLogLevel.INFO },
    identity: {
      kind: 'cognito',
      hostedUiDomainPrefix: 'permit-dev-hubei',
      // Plus-plan cost is not justified for synthetic users.
      threatProtection: false,
    },
    scheduler: 'eventbridge-scheduler',
    tracing: 'powertools',
    // Marking an overdue review is automatic; suspending the licence for it is the authority's policy call.
    suspendOnOverdueReview: false,
    inspectorDisclosure: 'code',
    // The carrier's own sandbox environment (placeholder host until the contract names it).
    carrier: {
      baseUrl: 'https://sandbox-open.carrier.example.cn',
      appKey: 'permit-dev',
      secretParameterName: '/permit/dev/carrier/app-secret',
    },
  },
  /** The provincial authority's production deployment in AWS China (Beijing). */
  prod: {
    name: 'prod',
    region: 'cn-north-1',
    publicBaseUrl: 'https://permit.example.gov.cn',
    ...HUBEI,
    logRetention: RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
    terminationProtection: true,
    throttling: { rateLimit: 500, burstLimit: 1000, publicRateLimit: 200, publicBurstLimit: 400 },
    logLevel: { application: ApplicationLogLevel.INFO, system: SystemLogLevel.WARN },
    identity: {
      kind: 'external',
      // API Gateway fetches `${issuer}/.well-known/openid-configuration` and the JWKS over public HTTPS.
      issuer: 'https://sso.example.gov.cn/oidc',
      audience: ['permit-console'],
      rolesClaim: 'permit_roles',
      usccClaim: 'uscc',
      consoleClientId: 'permit-console',
    },
    scheduler: 'eventbridge-scheduler',
    // X-Ray/Powertools availability in the China regions unverified from here: Lambda's own active tracing only
    // until X-Ray is confirmed in cn-north-1 (then `powertools`; `off` if active tracing fails to deploy).
    tracing: 'lambda-only',
    // Marking an overdue review is automatic; suspending the licence for it is the authority's policy call.
    suspendOnOverdueReview: false,
    inspectorDisclosure: 'code',
    // Ed25519 in KMS in cn-north-1 is not yet confirmed: see StageConfig.logKeySpec before the first deployment.
    logKeySpec: 'ECC_NIST_EDWARDS25519',
    carrier: {
      baseUrl: 'https://open.carrier.example.cn',
      appKey: 'permit-hubei',
      secretParameterName: '/permit/prod/carrier/app-secret',
    },
  },
} as const satisfies Record<string, StageConfig>;

export type StageName = keyof typeof stages;

/**
 * Where the identity provider may send the browser back to: the console's callback and signed-out pages under the
 * stage's public base URL — the same URLs the console function builds from `PUBLIC_BASE_URL` (`CONSOLE_PATHS`), so
 * the two cannot disagree, whatever base URL the stage is synthesised with.
 *
 * @example
 * consoleRedirectUrls('https://permit.example.gov.cn');
 * // { callback: 'https://permit.example.gov.cn/console/callback', signedOut: 'https://permit.example.gov.cn/console/signed-out' }
 */
export function consoleRedirectUrls(publicBaseUrl: string): { callback: string; signedOut: string } {
  return {
    callback: `${publicBaseUrl}${CONSOLE_PATHS.callback}`,
    signedOut: `${publicBaseUrl}${CONSOLE_PATHS.signedOut}`,
  };
}

export class StageConfigError extends Error {
  override readonly name = 'StageConfigError';
}

/** Values that may be given on the command line (`-c key=value`) because they are not known to the repository. */
export interface StageOverrides {
  readonly account?: string;
  readonly publicBaseUrl?: string;
  readonly alarmEmail?: string;
}

const isStageName = (name: string): name is StageName => Object.hasOwn(stages, name);

/**
 * The stage called `name` (default `dev`) with command-line overrides applied, validated.
 * Throws {@link StageConfigError} naming the bad value.
 */
export function selectStage(name: unknown, overrides: StageOverrides = {}): StageConfig {
  const stageName = name === undefined || name === null || name === '' ? 'dev' : String(name);
  if (!isStageName(stageName)) {
    throw new StageConfigError(`unknown stage "${stageName}"; expected one of: ${Object.keys(stages).join(', ')}`);
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined && v !== ''));
  return validateStage({ ...stages[stageName], ...defined });
}

/** Check a stage's values; returns it unchanged or throws {@link StageConfigError}. */
export function validateStage(stage: StageConfig): StageConfig {
  if (!/^[a-z][a-z0-9-]{1,15}$/.test(stage.name)) throw new StageConfigError(`bad stage name "${stage.name}"`);
  if (!/^https:\/\/[^\s/]+(\/[^\s]*)?$/.test(stage.publicBaseUrl) || stage.publicBaseUrl.endsWith('/')) {
    throw new StageConfigError(`publicBaseUrl must be an https URL without a trailing slash: ${stage.publicBaseUrl}`);
  }
  if (stage.account !== undefined && !/^\d{12}$/.test(stage.account)) {
    throw new StageConfigError(`account must be 12 digits: ${stage.account}`);
  }
  if (stage.alarmEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(stage.alarmEmail)) {
    throw new StageConfigError(`alarmEmail is not an e-mail address: ${stage.alarmEmail}`);
  }
  const t = stage.throttling;
  if (t.rateLimit <= 0 || t.burstLimit < 1 || t.publicRateLimit <= 0 || t.publicBurstLimit < 1) {
    throw new StageConfigError('throttling limits must be positive');
  }
  if (!/^https:\/\/[^\s/]+(\/[^\s]*)?$/.test(stage.carrier.baseUrl)) {
    throw new StageConfigError(`carrier.baseUrl must be an https URL: ${stage.carrier.baseUrl}`);
  }
  if (!/^(\/[A-Za-z0-9_.-]+)+$/.test(stage.carrier.secretParameterName)) {
    throw new StageConfigError(`carrier.secretParameterName must be an SSM path: ${stage.carrier.secretParameterName}`);
  }
  if (stage.identity.kind === 'external') {
    if (!/^https:\/\/[^\s]+$/.test(stage.identity.issuer) || stage.identity.audience.length === 0) {
      throw new StageConfigError('an external identity needs an https issuer and at least one audience');
    }
    if (!stage.identity.audience.includes(stage.identity.consoleClientId)) {
      throw new StageConfigError('identity.consoleClientId must be one of identity.audience');
    }
  } else if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(stage.identity.hostedUiDomainPrefix)) {
    throw new StageConfigError(
      `identity.hostedUiDomainPrefix is not a Cognito domain prefix: ${stage.identity.hostedUiDomainPrefix}`,
    );
  }
  if (stage.logKeySpec !== undefined && stage.logKeySpec !== logKey.keySpec) {
    throw new StageConfigError(`logKeySpec must be ${logKey.keySpec} (the checkpoint signer is Ed25519 only)`);
  }
  // The rule lambdas/shared/config.ts applies to LOG_ORIGIN: a C2SP origin / key name has no whitespace and no plus.
  if (stage.logOrigin !== undefined && !/^[^\s+]{1,200}$/u.test(stage.logOrigin)) {
    throw new StageConfigError(`logOrigin must be 1-200 characters without spaces or plus signs: ${stage.logOrigin}`);
  }
  validateAlarmThresholds(alarmThresholds(stage));
  return stage;
}

/** Every threshold a positive finite number, counts whole, and a rate a percentage. */
function validateAlarmThresholds(t: AlarmThresholds): void {
  for (const [key, value] of Object.entries(t)) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new StageConfigError(`alarms.${key} must be a positive number: ${value}`);
    }
  }
  if (t.http5xxRatePercent > 100) {
    throw new StageConfigError(`alarms.http5xxRatePercent is a percentage (at most 100): ${t.http5xxRatePercent}`);
  }
  if (!Number.isInteger(t.http5xxMinRequests)) {
    throw new StageConfigError(`alarms.http5xxMinRequests must be a whole number: ${t.http5xxMinRequests}`);
  }
}
