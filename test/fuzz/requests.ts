/**
 * Generated HTTP requests for one operation. A request has a caller (no token, each role, a second enterprise; a
 * signing carrier on the webhook), path, query, headers and body, each derived from the operation's JSON Schemas with
 * real identifiers mixed in ({@link hintFor}). Most requests are valid in every part, so they reach the use cases;
 * the rest make one part hostile — percent- and double-encoded or hostile path segments, duplicated, unknown or
 * out-of-range query parameters, hostile or repeated headers, bodies with wrong types, missing and extra fields,
 * duplicated keys, huge or unicode-edge strings, raw non-JSON bytes, odd content types — and a few make every part
 * hostile at once.
 *
 * A request is plain data: fast-check shrinks it, `wire.ts` sends and prints it.
 *
 * @example
 * const arb = requestArbitrary(operation, { root: openApiDocument, corpus });
 * fc.sample(arb, 1)[0].target; // '/v1/certificates/42-XK06-001-00001'
 */
import fc from 'fast-check';
import { CALLERS, type Corpus } from './corpus';
import { type FuzzCaller, fromCorpus, hintFor, weighted } from './hints';
import { type JsonSchema, schemaArbitrary } from './json-schema-arbitrary';
import { applyMutations, mutationArbitrary, nastyString, rawBody, toJsonText } from './mutations';
import type { Operation, Parameter } from './operations';

export type { FuzzCaller } from './hints';
export type Signing = 'valid' | 'stale' | 'wrong-secret';

export interface FuzzRequest {
  readonly operationId: string;
  readonly caller: FuzzCaller;
  readonly method: string;
  /** Request target as sent: percent-encoded path and query. */
  readonly target: string;
  /** Header values are text; sent as their UTF-8 bytes. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer | undefined;
  /** Which part was made hostile (`none`, `path`, `query`, `headers`, `body`, `all`) and how the body was made. */
  readonly shape: string;
  /** The carrier caller signs the body when it is sent (the timestamp is the send time). */
  readonly signing?: Signing;
}

export interface GeneratorContext {
  readonly root: Readonly<Record<string, unknown>>;
  readonly corpus: Corpus;
}

/**
 * Percent-encode for a path segment or query component (every byte outside the unreserved characters); a lone
 * surrogate becomes its three generalised UTF-8 bytes (`%ED%A0%80`), which no decoder should accept.
 */
const encode = (value: string): string =>
  value
    .split(/([\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])/)
    .map((part, i) => {
      if (i % 2 === 0) return encodeURIComponent(part);
      const c = part.charCodeAt(0);
      return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    })
    .join('');

/** Only the characters Node lets into a request target stay raw; everything else is percent-encoded. */
const wireSafe = (raw: string): string =>
  Array.from(raw)
    .map((ch) => (/^[\x21-\x7e]$/.test(ch) ? ch : encode(ch)))
    .join('');

const stringOf = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : (toJsonText(value) ?? '');

const RAW_SEGMENTS = ['%', '%ZZ', '%E9%84', '%C0%AF', '%00', '..', '%2e%2e', '%2F', 'a%2Fb', '%25', '%u9102', '+'];

/** Hostile forms of a path segment: encoded twice, half-encoded, broken escapes, hostile text, an extra segment. */
function hostileSegment(value: fc.Arbitrary<string>, greedy: boolean): fc.Arbitrary<string> {
  return weighted<string>(
    [2, value.map((v) => encode(encode(v)))],
    [2, value.map(wireSafe)],
    [1, fc.constantFrom(...RAW_SEGMENTS)],
    [2, nastyString().map(encode)],
    [1, fc.tuple(value, fc.constantFrom(...RAW_SEGMENTS)).map(([v, s]) => `${encode(v)}${s}`)],
    [greedy ? 1 : 0, fc.tuple(value, value).map(([a, b]) => `${encode(a)}/${encode(b)}`)],
  ).filter((s) => s !== '' && s.length <= 6_000);
}

const ODD_NUMBERS = ['-1', '0', '1.5', '1e2', '101', '99999999999999999999', '0x10', ' 5', '', 'NaN', 'Infinity', '٣'];

type Pairs = [string, string][];

const queryText = (pairs: Pairs): string => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');

/** Valid query parameters: required ones always, optional ones half the time. */
function validQuery(parameters: readonly Parameter[], value: (p: Parameter) => fc.Arbitrary<unknown>) {
  const pairs = parameters.map((p) =>
    weighted<Pairs>([1, value(p).map((v) => [[p.name, stringOf(v)]])], [p.required ? 0 : 1, fc.constant([])]),
  );
  return fc.tuple(...pairs).map((groups) => groups.flat());
}

/** Query strings with something wrong: a parameter duplicated, out of range, hostile or unknown, or raw junk. */
function hostileQuery(parameters: readonly Parameter[], value: (p: Parameter) => fc.Arbitrary<unknown>) {
  const names = parameters.map((p) => p.name);
  const one = fc.constantFrom(...(names.length > 0 ? names : ['limit']));
  const tweaks = weighted<Pairs>(
    [names.length > 0 ? 2 : 0, one.map((n) => [[n, '']])],
    [2, fc.tuple(one, fc.oneof(nastyString(), fc.constantFrom(...ODD_NUMBERS))).map(([n, v]) => [[n, v]])],
    [
      1,
      fc
        .tuple(fc.constantFrom('foo', '__proto__', 'limit[]', 'cursor', 'x', ''), nastyString())
        .map(([k, v]) => [[k, v]]),
    ],
  );
  const duplicated = parameters.map((p) =>
    fc.tuple(value(p), value(p)).map(
      ([a, b]): Pairs => [
        [p.name, stringOf(a)],
        [p.name, stringOf(b)],
      ],
    ),
  );
  return weighted<string>(
    [4, fc.tuple(validQuery(parameters, value), tweaks).map(([v, t]) => queryText([...v, ...t]))],
    [
      duplicated.length > 0 ? 2 : 0,
      fc.oneof(...(duplicated.length > 0 ? duplicated : [fc.constant<Pairs>([])])).map(queryText),
    ],
    [1, fc.constantFrom('%', '&&', '=', 'a=%ZZ', 'limit', 'cursor=%E9', 'limit=1&limit=2&limit=', '?', '#x')],
  );
}

const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'Application/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----fuzz',
  'application/octet-stream',
  'application/pdf',
  'application/json-patch+json',
  'application/json; charset=utf-16',
  'text/json',
  '*/*',
];

interface BodyPart {
  readonly body: Buffer | undefined;
  readonly contentType: string | undefined;
  readonly shape: string;
}

const utf8 = (s: string | undefined): Buffer | undefined => (s === undefined ? undefined : Buffer.from(s, 'utf8'));

/** A PDF body: the real certificate, or one truncated, with a byte changed, with bytes appended, or random bytes. */
function pdfBytes(corpus: Corpus, hostile: boolean): fc.Arbitrary<Buffer> {
  const pdf = corpus.pdf;
  if (!hostile) return fc.constant(pdf);
  return weighted<Buffer>(
    [2, fc.nat({ max: pdf.length }).map((n) => pdf.subarray(0, n))],
    [
      2,
      fc.tuple(fc.nat({ max: pdf.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => {
        const copy = Buffer.from(pdf);
        copy[at] = byte;
        return copy;
      }),
    ],
    [1, fc.constant(Buffer.concat([pdf, Buffer.from('%PDF-1.7 appended\n')]))],
    [1, fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b))],
    [1, fc.constantFrom(Buffer.from('%PDF-'), Buffer.alloc(0), Buffer.from('%PDF-1.4\n%%EOF'))],
  );
}

/** Bodies for the operation's media types; `hostile` ones are mutated, raw, or sent with another content type. */
function bodyPart(
  operation: Operation,
  ctx: GeneratorContext,
  value: (schema: JsonSchema) => fc.Arbitrary<unknown>,
  hostile: boolean,
): fc.Arbitrary<BodyPart> {
  if (!operation.body) {
    return hostile
      ? fc
          .tuple(rawBody('{"a":1}'), fc.constantFrom(...CONTENT_TYPES, 'application/json'))
          .map(([body, contentType]) => ({ body, contentType, shape: 'unexpected body' }))
      : fc.constant({ body: undefined, contentType: undefined, shape: 'no body' });
  }
  const branches = Object.entries(operation.body).map(([type, schema]): fc.Arbitrary<BodyPart> => {
    if (type !== 'application/json') {
      return fc.tuple(pdfBytes(ctx.corpus, hostile), fc.boolean()).map(([body, typed]) => ({
        body,
        contentType: typed || !hostile ? type : 'application/octet-stream',
        shape: hostile ? 'edited pdf' : 'pdf',
      }));
    }
    const valid = value(schema);
    if (!hostile) return valid.map((v) => ({ body: utf8(toJsonText(v)), contentType: type, shape: 'valid json' }));
    const contentType = weighted<string | undefined>(
      [10, fc.constant(type)],
      [1, fc.constant(undefined)],
      [2, fc.constantFrom(...CONTENT_TYPES)],
    );
    return weighted<BodyPart>(
      [
        6,
        fc
          .tuple(valid, fc.array(mutationArbitrary(), { minLength: 1, maxLength: 3 }), contentType)
          .map(([v, m, ct]) => ({
            body: utf8(toJsonText(applyMutations(v, m))),
            contentType: ct,
            shape: 'mutated json',
          })),
      ],
      [
        2,
        valid
          .chain((v) => fc.tuple(rawBody(toJsonText(v) ?? ''), contentType))
          .map(([body, ct]) => ({ body, contentType: ct, shape: 'raw bytes' })),
      ],
      [
        1,
        fc
          .tuple(valid, fc.constantFrom(...CONTENT_TYPES))
          .map(([v, ct]) => ({ body: utf8(toJsonText(v)), contentType: ct, shape: 'valid json, other type' })),
      ],
    );
  });
  return fc.oneof(...branches);
}

const ACCEPT = fc.constantFrom(
  undefined,
  undefined,
  undefined,
  'application/json',
  'text/html',
  '*/*',
  'text/html;q=0.9, application/json',
  'application/json;q=0, text/*',
);
const JUNK_AUTHORIZATION = fc.constantFrom(
  undefined,
  undefined,
  'Bearer',
  'Bearer not.a.jwt',
  'Basic dXNlcjpwYXNz',
  'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
  `Bearer ${'A'.repeat(4_000)}`,
);

/** What a client can put in a header value at all (no control characters but tab); the rest stays hostile. */
const headerSafe = (value: string): string =>
  Array.from(value)
    .filter((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return code === 0x09 || (code >= 0x20 && code !== 0x7f);
    })
    .join('');

/** The declared header parameters (valid), and the extra headers every request may carry. */
function headerPart(
  parameters: readonly Parameter[],
  value: (p: Parameter) => fc.Arbitrary<unknown>,
  hostile: boolean,
) {
  const declared = parameters.map((p) => {
    const valid = weighted<Pairs>(
      [p.required ? 1 : 2, value(p).map((v) => [[p.name, stringOf(v)]])],
      [p.required ? 0 : 1, fc.constant([])],
    );
    if (!hostile) return valid;
    return weighted<Pairs>(
      [2, valid],
      [1, fc.constant([])],
      [2, nastyString().map((v) => [[p.name, v]])],
      [
        1,
        fc.tuple(value(p), value(p)).map(([a, b]) => [
          [p.name, stringOf(a)],
          [p.name, stringOf(b)],
        ]),
      ],
    );
  });
  const correlation = hostile
    ? weighted<Pairs>(
        [1, fc.constant([])],
        [1, fc.uuid().map((u) => [['x-correlation-id', u]])],
        [2, nastyString().map((v) => [['x-correlation-id', v]])],
      )
    : weighted<Pairs>([6, fc.constant([])], [1, fc.uuid().map((u) => [['x-correlation-id', u]])]);
  const accept = hostile
    ? fc
        .oneof(ACCEPT, fc.constantFrom('x/y;q=abc', '', 'application/json;q=2'))
        .map((a): Pairs => (a === undefined ? [] : [['accept', a]]))
    : ACCEPT.map((a): Pairs => (a === undefined ? [] : [['accept', a]]));
  return fc.tuple(fc.tuple(...declared), correlation, accept).map(([d, c, a]) => [...d.flat(), ...c, ...a]);
}

/**
 * Each caller with a weight: every caller is tried on every route, and the ones the route admits three times as often
 * (an officer-only route fuzzed mostly as others would stop at its role check and never reach its use case).
 */
function callersFor(operation: Operation): readonly { readonly caller: FuzzCaller; readonly weight: number }[] {
  if (operation.access === 'signed') {
    return [...CALLERS.map((caller) => ({ caller, weight: 1 })), { caller: 'carrier', weight: CALLERS.length }];
  }
  const roles = operation.access;
  const admitted = (caller: FuzzCaller): boolean =>
    roles === 'public' || roles.includes(caller === 'other-enterprise' ? 'enterprise' : caller);
  return CALLERS.map((caller) => ({ caller, weight: admitted(caller) ? 3 : 1 }));
}

/** Which part a request makes hostile, and how often (valid requests reach the use cases). */
const FOCUS_WEIGHTS = { none: 6, path: 1, query: 1, headers: 1, body: 3, all: 1 } as const;
type Focus = keyof typeof FOCUS_WEIGHTS;

/**
 * Requests for one operation, from every caller (those the route admits more often).
 *
 * @example
 * fc.sample(requestArbitrary(operation, ctx), 3);
 */
export function requestArbitrary(operation: Operation, ctx: GeneratorContext): fc.Arbitrary<FuzzRequest> {
  // Built once per caller: arbitraries are immutable, and building them (regexes, schemas) is not free.
  return fc.oneof(
    ...callersFor(operation).map(({ caller, weight }) => ({ arbitrary: requestAs(operation, ctx, caller), weight })),
  );
}

function requestAs(operation: Operation, ctx: GeneratorContext, caller: FuzzCaller): fc.Arbitrary<FuzzRequest> {
  const hint = hintFor(ctx.corpus, operation.operationId, caller);
  const options = { root: ctx.root, hint };
  const valueFor = (p: Parameter) => {
    const own = schemaArbitrary(p.schema, options, [p.in, p.name]);
    const hinted = hint(p.name, [p.in, p.name]);
    return hinted ? weighted<unknown>([4, hinted], [1, own]) : own;
  };
  const params = (where: Parameter['in']) => operation.parameters.filter((p) => p.in === where);
  const pathParams = params('path');
  const queryParams = params('query');
  const bodyValue = (schema: JsonSchema) => schemaArbitrary(schema, options, ['body']);
  const authorization: fc.Arbitrary<Pairs> =
    caller === 'anonymous' || caller === 'carrier'
      ? JUNK_AUTHORIZATION.map((a) => (a === undefined ? [] : [['authorization', a]]))
      : fc.constant([['authorization', `Bearer ${ctx.corpus.tokens[caller]}`]]);
  const signing: fc.Arbitrary<Signing | undefined> =
    caller === 'carrier'
      ? weighted<Signing | undefined>(
          [8, fc.constant('valid')],
          [1, fc.constant('stale')],
          [1, fc.constant('wrong-secret')],
        )
      : fc.constant(undefined);

  const request = (focus: Focus) => {
    const hostile = (part: Focus) => focus === part || focus === 'all';
    return fc
      .record({
        path: pathPart(operation, ctx, caller, pathParams, valueFor, hostile('path')),
        query: hostile('query')
          ? hostileQuery(queryParams, valueFor)
          : validQuery(queryParams, valueFor).map(queryText),
        headers: headerPart(params('header'), valueFor, hostile('headers')),
        body: bodyPart(operation, ctx, bodyValue, hostile('body')),
        authorization,
        signing,
      })
      .map((r): FuzzRequest => {
        const headers: Pairs = [...r.authorization];
        if (r.body.contentType !== undefined) headers.push(['content-type', r.body.contentType]);
        headers.push(...r.headers);
        return {
          operationId: operation.operationId,
          caller,
          method: operation.method,
          target: r.query === '' ? r.path : `${r.path}?${r.query}`,
          headers: headers.map(([name, value]) => [name, headerSafe(value)] as const),
          body: r.body.body,
          shape: `${focus} hostile, ${r.body.shape}`,
          ...(r.signing ? { signing: r.signing } : {}),
        };
      });
  };
  const applies: Record<Focus, boolean> = {
    none: true,
    path: pathParams.length > 0,
    query: true,
    headers: true,
    body: true,
    all: true,
  };
  return fc.oneof(
    ...(Object.entries(FOCUS_WEIGHTS) as [Focus, number][])
      .filter(([focus]) => applies[focus])
      .map(([focus, weight]) => ({ weight, arbitrary: request(focus) })),
  );
}

function pathPart(
  operation: Operation,
  ctx: GeneratorContext,
  caller: FuzzCaller,
  params: readonly Parameter[],
  valueFor: (p: Parameter) => fc.Arbitrary<unknown>,
  hostile: boolean,
): fc.Arbitrary<string> {
  const segments = params.map((p) => {
    const value = valueFor(p).map((v) => stringOf(v));
    const valid = value.map(encode);
    if (!hostile) return valid;
    return weighted<string>([1, valid], [3, hostileSegment(value, operation.path.includes(`{${p.name}+}`))]);
  });
  const independent = fc
    .tuple(...segments)
    .map((values) =>
      params.reduce(
        (path, p, i) => path.replace(new RegExp(`\\{${p.name}\\+?\\}`), values[i] as string),
        operation.path,
      ),
    );
  // A document id means something only with its own application: pair them from the corpus.
  if (!hostile && params.some((p) => p.name === 'documentId') && ctx.corpus.documents.length > 0) {
    const paired = fromCorpus(ctx.corpus.documents, caller, (d) =>
      operation.path.replace('{applicationId}', encode(d.applicationId)).replace('{documentId}', encode(d.id)),
    );
    return weighted<string>([3, paired], [1, independent]);
  }
  return independent;
}
