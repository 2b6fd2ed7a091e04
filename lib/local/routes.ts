/**
 * Route matching as API Gateway HTTP APIs do it: a route key is `METHOD /path/template` where a segment is literal,
 * `{name}` (one segment) or a final `{name+}` (greedy, one or more segments). When several routes match, the most
 * specific wins — literal before parameter before greedy, compared segment by segment from the left. A route whose
 * method is `ANY` takes every method; between two routes of the same path, the one naming the method wins.
 *
 * Like HTTP APIs, routing works on the percent-decoded path (`decodeRequestPath` in `http-event.ts`), so parameter
 * values arrive decoded, exactly once, and nothing here decodes again.
 *
 * @example
 * const table = new RouteTable([{ method: 'GET', path: '/v1/certificates/{licenceNo}', value: 'get' }]);
 * table.match('GET', '/v1/certificates/(鄂)XK13'); // { value: 'get', params: { licenceNo: '(鄂)XK13' }, … }
 */
type Segment =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

export interface RouteEntry<T> {
  readonly method: string;
  readonly path: string;
  readonly value: T;
}

export interface RouteMatch<T> {
  readonly value: T;
  /** `GET /v1/certificates/{licenceNo}` */
  readonly routeKey: string;
  readonly params: Record<string, string>;
}

interface Compiled<T> {
  readonly entry: RouteEntry<T>;
  readonly segments: readonly Segment[];
}

/** Lower rank = more specific. */
const RANK = { literal: 0, param: 1, greedy: 2 } as const;

/**
 * Parse a path template into segments; throws on a malformed template.
 *
 * @example
 * compileTemplate('/files/{key+}'); // [{ kind: 'literal', text: 'files' }, { kind: 'greedy', name: 'key' }]
 */
export function compileTemplate(path: string): Segment[] {
  if (!path.startsWith('/')) throw new Error(`route path must start with "/": ${path}`);
  const parts = path === '/' ? [] : path.slice(1).split('/');
  return parts.map((part, index) => {
    const param = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(part);
    if (!param) {
      if (/[{}]/.test(part)) throw new Error(`malformed path segment "${part}" in ${path}`);
      return { kind: 'literal', text: part };
    }
    const name = param[1] as string;
    if (param[2]) {
      if (index !== parts.length - 1) throw new Error(`greedy parameter {${name}+} must be last in ${path}`);
      return { kind: 'greedy', name };
    }
    return { kind: 'param', name };
  });
}

/**
 * The routes of one API; refuses duplicate route keys at construction.
 *
 * @example
 * new RouteTable([{ method: 'GET', path: '/health', value: 'health' }]).match('GET', '/health')?.value; // 'health'
 */
export class RouteTable<T> {
  /**
   * The routes a path can match, by its first segment: those whose first segment is that literal, and those starting
   * with a parameter, in declaration order (ties keep going to the first declared).
   */
  private readonly byFirstSegment = new Map<string, Compiled<T>[]>();
  /** The routes starting with a parameter (or the root): all a path with any other first segment can match. */
  private readonly openFirst: Compiled<T>[];

  constructor(entries: readonly RouteEntry<T>[]) {
    const seen = new Set<string>();
    const routes = entries.map((entry): Compiled<T> => {
      const key = `${entry.method.toUpperCase()} ${entry.path}`;
      if (seen.has(key)) throw new Error(`duplicate route ${key}`);
      seen.add(key);
      return { entry, segments: compileTemplate(entry.path) };
    });
    const firstLiteral = (route: Compiled<T>) => {
      const first = route.segments[0];
      return first?.kind === 'literal' ? first.text : undefined;
    };
    this.openFirst = routes.filter((route) => firstLiteral(route) === undefined);
    for (const text of new Set(routes.map(firstLiteral))) {
      if (text === undefined) continue;
      this.byFirstSegment.set(
        text,
        routes.filter((route) => {
          const first = firstLiteral(route);
          return first === undefined || first === text;
        }),
      );
    }
  }

  /** Match a request; `path` is the decoded path (`decodeRequestPath`), no query string. */
  match(method: string, path: string): RouteMatch<T> | undefined {
    const parts = path === '/' || path === '' ? [] : path.replace(/^\//, '').split('/');
    const upper = method.toUpperCase();
    let best: { route: Compiled<T>; params: Record<string, string>; ranks: number[]; any: boolean } | undefined;
    for (const route of this.byFirstSegment.get(parts[0] ?? '') ?? this.openFirst) {
      const routeMethod = route.entry.method.toUpperCase();
      const any = routeMethod === 'ANY';
      if (!any && routeMethod !== upper) continue;
      const matched = matchSegments(route.segments, parts);
      if (!matched) continue;
      const better =
        !best ||
        moreSpecific(matched.ranks, best.ranks) ||
        (best.any && !any && !moreSpecific(best.ranks, matched.ranks));
      if (better) best = { route, ...matched, any };
    }
    if (!best) return undefined;
    const { entry } = best.route;
    return { value: entry.value, routeKey: `${entry.method.toUpperCase()} ${entry.path}`, params: best.params };
  }
}

function matchSegments(
  segments: readonly Segment[],
  parts: readonly string[],
): { params: Record<string, string>; ranks: number[] } | undefined {
  const params: Record<string, string> = {};
  const ranks: number[] = [];
  for (const [index, segment] of segments.entries()) {
    if (segment.kind === 'greedy') {
      const rest = parts.slice(index);
      if (rest.length === 0 || rest.every((p) => p === '')) return undefined;
      params[segment.name] = rest.join('/');
      ranks.push(RANK.greedy);
      return { params, ranks };
    }
    const part = parts[index];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (part !== segment.text) return undefined;
    } else {
      if (part === '') return undefined;
      params[segment.name] = part;
    }
    ranks.push(RANK[segment.kind]);
  }
  return parts.length === segments.length ? { params, ranks } : undefined;
}

function moreSpecific(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y) return x < y;
  }
  return a.length > b.length;
}
