/**
 * The HTTP API (API Gateway v2): one `$default` stage with access logs and throttling, and routes added from route
 * contracts — with the JWT authorizer exactly on routes whose contract names roles.
 *
 * Rate limiting is stage throttling (default route settings) plus tighter limits on public routes. AWS WAF cannot
 * attach to an HTTP API, and the CloudFront + us-east-1 web ACL route does not exist in the China partition; nothing
 * here depends on a global-only service.
 */
import { Lazy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { isConsoleRoute, type RouteContract, routeKey } from '../../lambdas/contracts/route';
import type { AuthorizerSettings } from '../stacks/stateful-stack';
import type { StageConfig } from '../stage-config';
import { acknowledgeRule } from './nag';

export interface PermitHttpApiProps {
  readonly stage: StageConfig;
  readonly authorizer: AuthorizerSettings;
}

/** One JSON line per request; no bodies, no headers (tokens and personal data stay out of the logs). */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    method: '$context.httpMethod',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

/**
 * @example
 * const api = new PermitHttpApi(this, 'Api', { stage, authorizer: resources.authorizer });
 * api.addContractRoute(getHealth, healthFunction);
 */
export class PermitHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly jwtAuthorizer: IHttpRouteAuthorizer;
  private readonly integrations = new Map<IFunction, HttpLambdaIntegration>();
  private readonly publicRouteKeys: string[] = [];
  private readonly config: StageConfig;

  constructor(scope: Construct, id: string, props: PermitHttpApiProps) {
    super(scope, id);
    this.config = props.stage;
    const origins = props.stage.corsAllowOrigins;
    this.api = new HttpApi(this, 'Api', {
      description: `Permit API (${props.stage.name})`,
      createDefaultStage: false,
      ...(origins && origins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...origins],
              allowMethods: [CorsHttpMethod.ANY],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
            },
          }
        : {}),
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.stage.logRetention,
      removalPolicy: props.stage.removalPolicy,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      autoDeploy: true,
      throttle: { rateLimit: props.stage.throttling.rateLimit, burstLimit: props.stage.throttling.burstLimit },
      accessLogSettings: { destination: new LogGroupLogDestination(this.accessLogs), format: ACCESS_LOG_FORMAT },
    });
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    // Resolved at synth time, after every route has been added.
    cfnStage.routeSettings = Lazy.any({ produce: () => this.publicRouteSettings() });
    this.jwtAuthorizer = new HttpJwtAuthorizer('Jwt', props.authorizer.issuer, {
      jwtAudience: [...props.authorizer.audience],
      identitySource: ['$request.header.Authorization'],
    });
  }

  /** The API's invoke URL (the stage config's `publicBaseUrl` is the custom domain in front of it). */
  get url(): string {
    return this.stage.url;
  }

  /** Add the route a contract describes, served by `fn`. Role routes get the JWT authorizer; others none. */
  addContractRoute(contract: RouteContract, fn: IFunction): void {
    let integration = this.integrations.get(fn);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn);
      this.integrations.set(fn, integration);
    }
    // Console pages (`/console/…`) are behind the console's session cookie, checked by the function: no bearer token.
    const needsToken = Array.isArray(contract.access) && !isConsoleRoute(contract);
    const [route] = this.api.addRoutes({
      path: contract.path,
      // `ANY` is API Gateway's own: it takes every method a more specific route does not (the console's 404 page).
      methods: [HttpMethod[contract.method]],
      integration,
      ...(needsToken ? { authorizer: this.jwtAuthorizer } : {}),
    });
    if (needsToken || !route) return;
    if (contract.access === 'public') {
      this.publicRouteKeys.push(routeKey(contract));
      // Route settings may only name routes that already exist.
      this.stage.node.addDependency(route);
    }
    acknowledgeRule(
      route,
      'AwsSolutions-APIG4',
      isConsoleRoute(contract)
        ? `${routeKey(contract)} is a console page: the console function authenticates it by its encrypted session cookie (OIDC sign-in), not a bearer token.`
        : contract.access === 'public'
          ? `${routeKey(contract)} is public by its contract (operationId ${contract.operationId}); per-route throttling limits it.`
          : `${routeKey(contract)} authenticates each request itself (contract access "signed", e.g. an HMAC-signed webhook), not with a bearer token.`,
    );
  }

  /** `RouteSettings` is untyped JSON in CloudFormation, so the keys are written in its PascalCase here. */
  private publicRouteSettings(): Record<string, Record<string, number>> | undefined {
    if (this.publicRouteKeys.length === 0) return undefined;
    const t = this.config.throttling;
    return Object.fromEntries(
      this.publicRouteKeys.map((key) => [
        key,
        { ThrottlingRateLimit: t.publicRateLimit, ThrottlingBurstLimit: t.publicBurstLimit },
      ]),
    );
  }
}
