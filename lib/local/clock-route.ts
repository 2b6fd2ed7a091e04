/**
 * `/_local/clock` — the local runtime's own route for its settable clock (`PERMIT_CLOCK`), served by the local gateway
 * like the `/local-idp` paths: it is not a function, not in `lambdas/functions.ts`, not in OpenAPI, and does not
 * exist in the cloud.
 *
 * - `GET /_local/clock` — the clock: `{ set, now, today, start? }` (no token: the time is no secret, and the gateway
 *   listens on loopback only).
 * - `POST /_local/clock` `{"advance":"P3D"}` or `{"to":"2026-03-01T09:00:00+08:00"}` — move it forward (never back:
 *   409 `CLOCK_BACKWARDS`), then run every scheduled job once, as their timers would have in the time skipped. Needs
 *   an **admin** token, checked on real time like every token: moving time moves every deadline, and the header
 *   also keeps a web page from doing it — a cross-site page can send a simple POST to localhost, but cannot attach
 *   an `Authorization` header without a CORS preflight, which this gateway never grants.
 *
 * @example
 * curl -X POST $B/_local/clock -H "authorization: Bearer $ADMIN" -d '{"advance":"P3D"}'
 */
import type { IncomingMessage } from 'node:http';
import type { LocalClock } from '../../lambdas/composition/tools';
import { localDateOf } from '../../lambdas/domain/dates';
import { isPermitError, ValidationError } from '../../lambdas/domain/errors';
import { parseInstant, shanghaiInstant } from '../../lambdas/domain/instants';
import { identityFromClaims } from '../../lambdas/shared/identity';
import type { LocalRoute } from './gateway';
import { headerValue, readBody } from './http-io';
import { type GatewayResponse, gatewayMessage, gatewayProblem, jsonDocument } from './http-result';
import type { JwtAuthorizer } from './jwt-authorizer';

export const LOCAL_CLOCK_PATH = '/_local/clock';

const MAX_BODY_BYTES = 4 * 1024;

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000];

/**
 * An ISO 8601 duration of weeks, days, hours, minutes and seconds, in milliseconds (a day is 24 h: Asia/Shanghai has
 * no daylight saving). Months and years are refused (they vary in length): move to a date with `to` instead.
 *
 * @example
 * parseDuration('P1DT12H'); // 129_600_000
 */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text);
  const parts = match?.slice(1) ?? [];
  if (!match || text === 'P' || text.endsWith('T') || parts.every((p) => p === undefined)) {
    throw new ValidationError(
      'CLOCK_ADVANCE_INVALID',
      `"${text}" is not a duration of weeks, days, hours, minutes or seconds (e.g. P3D, PT12H, P1DT6H); to reach a date, send {"to":"2026-03-01T09:00:00+08:00"}`,
      [{ field: 'advance', message: 'an ISO 8601 duration without years or months' }],
    );
  }
  return parts.reduce((ms, p, i) => ms + Number(p ?? 0) * (UNIT_MS[i] as number), 0);
}

export interface ClockRouteOptions {
  /** The runtime's clock: `'starting'` until handlers are loaded, undefined when it runs on real time. */
  readonly clock: () => LocalClock | undefined | 'starting';
  readonly authorizer: JwtAuthorizer;
  /** Run after the clock moved (the scheduled jobs); resolves with each job's outcome by name. */
  readonly afterMove?: () => Promise<Readonly<Record<string, string>>>;
}

const view = (clock: LocalClock | undefined, extra: Record<string, unknown> = {}) => {
  const now = clock ? clock.now() : new Date();
  return {
    set: clock !== undefined,
    now: shanghaiInstant(now),
    today: localDateOf(now),
    ...(clock ? { start: shanghaiInstant(clock.start) } : {}),
    ...extra,
  };
};

/**
 * The route, for the gateway's `localRoutes`.
 *
 * @example
 * startGateway({ …, localRoutes: [clockRoute({ clock: () => runtimeClock, authorizer })] });
 */
export function clockRoute(options: ClockRouteOptions): LocalRoute {
  return {
    path: LOCAL_CLOCK_PATH,
    serve: async (method: string, req: IncomingMessage): Promise<GatewayResponse> => {
      if (method !== 'GET' && method !== 'POST') {
        req.resume();
        return gatewayProblem('METHOD_NOT_ALLOWED', `${LOCAL_CLOCK_PATH} answers GET and POST`);
      }
      const clock = options.clock();
      if (clock === 'starting') {
        req.resume();
        return gatewayProblem('RUNTIME_STARTING', 'the runtime is starting');
      }
      if (method === 'GET') return jsonDocument(view(clock));
      const outcome = await options.authorizer(headerValue(req, 'authorization'));
      if (!outcome.ok) {
        req.resume();
        return gatewayMessage(401, 'Unauthorized', [
          [
            'www-authenticate',
            `Bearer error="invalid_token" error_description="${outcome.reason.replaceAll('"', "'")}"`,
          ],
        ]);
      }
      if (!identityFromClaims(outcome.claims)?.roles.includes('admin')) {
        req.resume();
        return gatewayProblem('FORBIDDEN', 'moving the local clock needs the admin role');
      }
      if (!clock) {
        req.resume();
        return gatewayProblem(
          'CLOCK_NOT_SET',
          'this runtime runs on real time; start it with PERMIT_CLOCK (e.g. PERMIT_CLOCK=2026-02-10T09:00:00+08:00 npm start) to move its clock',
        );
      }
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === 'too-large') return gatewayMessage(413, 'Request Entity Too Large', [['connection', 'close']]);
      try {
        move(clock, body);
      } catch (error) {
        if (!isPermitError(error)) throw error;
        return gatewayProblem(error.code, error.message);
      }
      const jobs = (await options.afterMove?.()) ?? {};
      return jsonDocument(view(clock, { jobs }));
    },
  };
}

/** Apply `{"advance": duration}` or `{"to": instant}`. */
function move(clock: LocalClock, body: Buffer): void {
  let request: unknown;
  try {
    request = JSON.parse(body.toString('utf8'));
  } catch {
    request = undefined;
  }
  const { advance, to, ...rest } = (typeof request === 'object' && request !== null ? request : {}) as {
    advance?: unknown;
    to?: unknown;
  };
  const fields = [advance, to].filter((v) => v !== undefined);
  if (fields.length !== 1 || Object.keys(rest).length > 0 || !fields.every((v) => typeof v === 'string')) {
    throw new ValidationError(
      'CLOCK_ADVANCE_INVALID',
      'send a JSON object with exactly one of "advance" (an ISO 8601 duration, e.g. "P3D") or "to" (an instant with its offset, e.g. "2026-03-01T09:00:00+08:00")',
    );
  }
  if (typeof advance === 'string') clock.advanceBy(parseDuration(advance));
  else clock.advanceTo(parseInstant(to as string, 'to'));
}
