/**
 * The local HTTP API: a node:http server that does what API Gateway does in front of our functions — match the
 * route key, enforce the 10 MB body limit (a 413 the client receives: the body is read to its end first, and a client
 * asking `Expect: 100-continue` is answered before it sends), run the JWT authorizer on routes whose contract names
 * roles — but the console's, which its session guards (`isConsoleRoute`) — (on every Authorization header, comma-joined as the cloud sees them, so a repeated one is refused), build the
 * payload 2.0 event, invoke the handler module from the function registry and map its result back. What the gateway
 * answers itself carries `x-content-type-options: nosniff`.
 *
 * It listens first and routes later ({@link Gateway.mount}), so the runtime can learn its base URL (for
 * `PUBLIC_BASE_URL`) before it imports any handler. Role checks (403) are the handlers' job, as in the cloud.
 *
 * @example
 * const gateway = await startGateway({ port: 0, registry: functions, authorizer, region, accountId, log });
 * gateway.mount(await loadHandlers(functions));
 * await fetch(`${gateway.baseUrl}/health`);
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JSONWebKeySet } from 'jose';
import { isConsoleRoute, type RouteContract } from '../../lambdas/contracts/route';
import type { FunctionDefinition } from '../../lambdas/functions';
import { invokeHandler, type LambdaHandler } from './handlers';
import { buildHttpApiEvent, decodeRequestPath, eventSizeBound, newRequestId } from './http-event';
import { declaresMoreThan, drainBody, headerValue, rawHttpResponse, readBody, writeResponse } from './http-io';
import { type GatewayResponse, gatewayMessage, gatewayProblem, jsonDocument, toGatewayResponse } from './http-result';
import { LOCAL_IDP_PATHS } from './identity';
import type { JwtAuthorizer } from './jwt-authorizer';
import type { RuntimeLog } from './log';
import { LOOPBACK, portInUse } from './ports';
import { RouteTable } from './routes';

/** API Gateway HTTP API payload limit. */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;
/** Lambda's synchronous invocation payload limit (request event and response alike). */
export const MAX_LAMBDA_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** API Gateway stops waiting for an integration after 30 s. */
export const INTEGRATION_TIMEOUT_MS = 30_000;

export interface GatewayOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Named in the error when the port is taken. */
  readonly portVariable?: string;
  readonly registry: readonly FunctionDefinition[];
  readonly authorizer: JwtAuthorizer;
  /** Serve this identity provider's JWKS and discovery document under `/local-idp/.well-known/`. */
  readonly identity?: {
    jwks(): JSONWebKeySet;
    openIdConfiguration(gatewayBaseUrl: string): Record<string, unknown>;
  };
  readonly region: string;
  readonly accountId: string;
  readonly log: RuntimeLog;
  /** Log one line per request. */
  readonly accessLog?: boolean;
  readonly maxBodyBytes?: number;
  /** Routes the local gateway serves itself (e.g. `/_local/clock`): never functions, never in OpenAPI or the cloud. */
  readonly localRoutes?: readonly LocalRoute[];
}

/** A path the local gateway answers itself, before any function route. */
export interface LocalRoute {
  readonly path: string;
  serve(method: string, req: IncomingMessage): Promise<GatewayResponse>;
}

export interface Gateway {
  readonly baseUrl: string;
  readonly port: number;
  /** Start routing to these handlers, keyed by function name; until then routes answer 503. */
  mount(handlers: ReadonlyMap<string, LambdaHandler>): void;
  close(): Promise<void>;
}

interface RouteTarget {
  readonly definition: FunctionDefinition;
  readonly contract: RouteContract;
}

/**
 * Listen on loopback (0 = a free port); routes answer 503 until {@link Gateway.mount} supplies the handlers.
 *
 * @example
 * const gateway = await startGateway({ port: 3000, registry, authorizer, region, accountId, log });
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const routes = new RouteTable<RouteTarget>(
    options.registry.flatMap((definition) =>
      (definition.routes ?? []).map((contract) => ({
        method: contract.method,
        path: contract.path,
        value: { definition, contract },
      })),
    ),
  );
  let handlers: ReadonlyMap<string, LambdaHandler> | undefined;
  let baseUrl = '';
  const maxBodyBytes = options.maxBodyBytes ?? MAX_REQUEST_BODY_BYTES;
  const tooLarge = () => gatewayMessage(413, 'Request Entity Too Large', [['connection', 'close']]);

  function respond(req: IncomingMessage, res: ServerResponse): void {
    const started = Date.now();
    const requestId = newRequestId();
    serve(req, requestId)
      .catch((error: unknown): GatewayResponse => {
        options.log.error('gateway failure', { requestId, error });
        return gatewayProblem('INTERNAL');
      })
      // Whatever the answer, the body is read to its end first: closing under a sending client resets the connection.
      .then(async (response) => {
        await drainBody(req);
        writeResponse(res, response, requestId);
        if (options.accessLog) {
          options.log.info(`${req.method} ${req.url} ${response.statusCode} ${Date.now() - started}ms`);
        }
      });
  }

  const server = createServer(respond);
  // `Expect: 100-continue` (curl sends it for large bodies): refuse an oversized body before the client sends it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (declaresMoreThan(req, maxBodyBytes)) {
      writeResponse(res, tooLarge(), newRequestId());
      return;
    }
    res.writeContinue();
    respond(req, res);
  });
  // A request node:http cannot parse (a head over its 16 KiB limit, a malformed request line) never reaches `respond`:
  // answer it as API Gateway would, in its `{"message"}` shape with nosniff, instead of Node's bare status line.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const response =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? gatewayMessage(431, 'Request Header Fields Too Large')
        : gatewayMessage(400, 'Bad Request');
    socket.end(rawHttpResponse(response, newRequestId()));
  });

  async function serve(req: IncomingMessage, requestId: string): Promise<GatewayResponse> {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const method = (req.method ?? 'GET').toUpperCase();
    if (options.identity && method === 'GET') {
      if (path === LOCAL_IDP_PATHS.jwks) return jsonDocument(options.identity.jwks());
      if (path === LOCAL_IDP_PATHS.openIdConfiguration)
        return jsonDocument(options.identity.openIdConfiguration(baseUrl));
    }
    const local = options.localRoutes?.find((r) => r.path === path);
    if (local) return local.serve(method, req);
    const decodedPath = decodeRequestPath(path);
    if (decodedPath === undefined) {
      return gatewayProblem('PATH_ENCODING_INVALID', 'the path has a malformed percent-escape');
    }
    const match = routes.match(method, decodedPath);
    if (!match) return gatewayProblem('ROUTE_NOT_FOUND', `no route for ${method} ${path}`);
    if (!handlers) return gatewayProblem('RUNTIME_STARTING', 'the runtime is starting');
    const handler = handlers.get(match.value.definition.name);
    if (!handler) return gatewayProblem('INTERNAL');
    const body = await readBody(req, maxBodyBytes);
    if (body === 'too-large') return tooLarge();
    let authorizer: { claims: Record<string, string>; scopes: string[] | null } | undefined;
    // Console routes (`/console/…`) are behind the console's session, not a bearer token: no authorizer, as in CDK.
    if (Array.isArray(match.value.contract.access) && !isConsoleRoute(match.value.contract)) {
      // Every Authorization header, comma-joined as API Gateway's identity source sees them: a repeat never passes.
      const outcome = await options.authorizer(headerValue(req, 'authorization'));
      if (!outcome.ok) {
        return gatewayMessage(401, 'Unauthorized', [
          [
            'www-authenticate',
            `Bearer error="invalid_token" error_description="${outcome.reason.replaceAll('"', "'")}"`,
          ],
        ]);
      }
      authorizer = { claims: outcome.claims, scopes: outcome.scopes };
    }
    const event = buildHttpApiEvent(
      {
        method,
        url,
        rawHeaders: req.rawHeaders,
        body,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? LOOPBACK,
        localPort: req.socket.localPort ?? 0,
        httpVersion: req.httpVersion,
      },
      { routeKey: match.routeKey, pathParameters: match.params },
      {
        requestId,
        now: new Date(),
        accountId: options.accountId,
        apiId: 'local',
        ...(authorizer ? { authorizer } : {}),
      },
    );
    if (
      eventSizeBound(url, req.rawHeaders, body) > MAX_LAMBDA_PAYLOAD_BYTES &&
      Buffer.byteLength(JSON.stringify(event)) > MAX_LAMBDA_PAYLOAD_BYTES
    ) {
      return gatewayMessage(413, 'Request Entity Too Large');
    }
    const { definition } = match.value;
    const outcome = await invokeHandler(handler, event, {
      definition,
      region: options.region,
      accountId: options.accountId,
      timeoutMs: INTEGRATION_TIMEOUT_MS,
    });
    if (outcome.status === 'ok') {
      const response = toGatewayResponse(outcome.result);
      if (response.body.length > MAX_LAMBDA_PAYLOAD_BYTES) {
        options.log.error('function response exceeds the 6 MB Lambda limit', { function: definition.name, requestId });
        return gatewayProblem('INTERNAL');
      }
      return response;
    }
    if (outcome.status === 'timeout') {
      options.log.error('function timed out', { function: definition.name, requestId });
      // Lambda's own timeout surfaces as a 500; API Gateway giving up at 30 s as a 503.
      return (definition.timeoutSeconds ?? 0) * 1000 > INTEGRATION_TIMEOUT_MS
        ? gatewayProblem('INTEGRATION_TIMEOUT')
        : gatewayProblem('INTERNAL');
    }
    // As in the cloud: the caller learns nothing; the error goes to the function's log.
    options.log.error('function failed', { function: definition.name, requestId, error: outcome.error });
    return gatewayProblem('INTERNAL');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(portInUse(options.port, options.portVariable ?? 'PORT', error));
      } else reject(error);
    });
    server.listen({ port: options.port, host: LOOPBACK }, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${LOOPBACK}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    port,
    mount: (loaded) => {
      handlers = loaded;
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
