/**
 * The hostile half of the fuzzer: edge-case strings and numbers, and mutations of an otherwise valid JSON value
 * (wrong types, missing and extra fields, duplicated keys, huge values), plus raw bodies that are not the JSON asked
 * for at all. Values that JavaScript cannot hold (a 400-digit number, a duplicated key) are carried as {@link RawJson}
 * and written by {@link toJsonText}.
 *
 * @example
 * const body = fc.sample(mutatedJson(validBody), 1)[0];
 * toJsonText(body); // '{"enterprise":{"name":"\u202e…","uscc":null},"products":["06-001"],"__proto__":{}}'
 */
import fc from 'fast-check';

/** JSON text inserted as is (numbers JavaScript cannot represent, deep nesting). */
export class RawJson {
  constructor(readonly text: string) {}
  toJSON(): string {
    return this.text;
  }
}

/** A key written as `name` a second time in the same object: `{"a":1,"a":2}`. */
export const DUPLICATE_KEY_PREFIX = '\u0000dup\u0000';

/**
 * Strings that have broken parsers, normalisers, renderers and DynamoDB keys elsewhere.
 *
 * @example
 * fc.sample(nastyString(), 3);
 */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83dy',
  '\u202eexe.pdf',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u2028\u2029',
  '\u0085',
  '\r\n',
  '\t',
  '\x1b[31m',
  '\x7f',
  '１２３４５６７８９０',
  '（鄂）ＸＫ０６－００１－０００３３',
  '９１４２０１００ＭＡ４Ｋ０Ａ０Ａ１Ｅ',
  '😀',
  '👨‍👩‍👧‍👦',
  '𠀀𪚥𠮷',
  'e\u0301',
  'İı',
  'ß',
  '%00',
  '%2F',
  '%252F',
  '%E9%84%82',
  '%',
  '%ZZ',
  '..',
  '../../etc/passwd',
  '/',
  '\\',
  "' OR '1'='1",
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a JNDI lookup probe, meant literally
  '${jndi:ldap://x}',
  '{{7*7}}',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  '__proto__',
  'constructor',
  'PK#x',
  'CERT#(鄂)XK06-001-00001',
  '#',
  '9'.repeat(400),
  'A'.repeat(2_049),
  '鄂'.repeat(1_500),
];

/** Edge-case strings, and random text over the whole of Unicode (lone surrogates included). */
export function nastyString(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 4 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 24 }), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...NASTY_STRINGS), fc.constantFrom('湖北', '06-001', '42-XK06-001-00001', 'APP-'))
        .map(([a, b]) => `${b}${a}${b}`),
      weight: 1,
    },
  );
}

/** Numbers at and past the edges, some only expressible as JSON text. */
export function nastyNumber(): fc.Arbitrary<number | RawJson> {
  return fc.constantFrom<number | RawJson>(
    0,
    -0,
    -1,
    1.5,
    0.1,
    2 ** 31,
    2 ** 53 + 2,
    Number.MAX_SAFE_INTEGER,
    1e21,
    1e308,
    -1e308,
    5e-324,
    new RawJson('1'.repeat(400)),
    new RawJson('1e999'),
    new RawJson('-0.0'),
    new RawJson('1.0'),
    new RawJson('100E-2'),
  );
}

/** Anything JSON can carry, biased to the edges. */
export function nastyValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: nastyString(), weight: 4 },
    { arbitrary: nastyNumber(), weight: 2 },
    { arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': '' }), weight: 2 },
    {
      arbitrary: fc.constantFrom(
        new RawJson(`${'['.repeat(600)}${']'.repeat(600)}`),
        new RawJson(`${'{"a":'.repeat(300)}1${'}'.repeat(300)}`),
        'x'.repeat(20_000),
        'x'.repeat(70_000),
        Array.from({ length: 2_000 }, (_, i) => i),
      ),
      weight: 1,
    },
    { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
  );
}

type Container = Record<string, unknown> | unknown[];

interface Node {
  readonly parent: Container | undefined;
  readonly key: string | number | undefined;
  readonly value: unknown;
}

/** Every node of a JSON value, depth first (the root first). */
function nodesOf(root: unknown): Node[] {
  const out: Node[] = [];
  const visit = (value: unknown, parent: Container | undefined, key: string | number | undefined) => {
    out.push({ parent, key, value });
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, value, i);
    } else if (value && typeof value === 'object' && !(value instanceof RawJson)) {
      for (const [k, v] of Object.entries(value)) visit(v, value as Record<string, unknown>, k);
    }
  };
  visit(root, undefined, undefined);
  return out;
}

const clone = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(clone);
  if (value && typeof value === 'object' && !(value instanceof RawJson)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) define(out, k, clone(v));
    return out;
  }
  return value;
};

/** Set a property without invoking setters (`__proto__` becomes an own key, as JSON.parse makes it). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export const MUTATION_KINDS = [
  'replace',
  'delete',
  'add-key',
  'duplicate-key',
  'wrap-in-array',
  'to-string',
  'empty',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutation {
  readonly kind: MutationKind;
  /** Which node (modulo the number of nodes). */
  readonly at: number;
  readonly value: unknown;
  readonly key: string;
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'extra', 'kind', 'licenceNo', 'uscc', 'id', 'pk', 'state', ''];

export function mutationArbitrary(): fc.Arbitrary<Mutation> {
  return fc.record({
    kind: fc.constantFrom(...MUTATION_KINDS),
    at: fc.nat(),
    value: nastyValue(),
    key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), nastyString()),
  });
}

/**
 * Apply mutations to a copy of `value`, one after the other.
 *
 * @example
 * applyMutations({ a: 1 }, [{ kind: 'delete', at: 1, value: null, key: '' }]); // {}
 */
export function applyMutations(value: unknown, mutations: readonly Mutation[]): unknown {
  let root = clone(value);
  for (const m of mutations) {
    const nodes = nodesOf(root);
    const node = nodes[m.at % nodes.length] as Node;
    const replace = (next: unknown) => {
      if (node.parent === undefined) root = next;
      else if (Array.isArray(node.parent)) node.parent[node.key as number] = next;
      else define(node.parent, node.key as string, next);
    };
    switch (m.kind) {
      case 'replace':
        replace(m.value);
        break;
      case 'delete':
        if (node.parent === undefined) root = undefined;
        else if (Array.isArray(node.parent)) node.parent.splice(node.key as number, 1);
        else delete node.parent[node.key as string];
        break;
      case 'add-key':
        if (
          node.value &&
          typeof node.value === 'object' &&
          !Array.isArray(node.value) &&
          !(node.value instanceof RawJson)
        ) {
          define(node.value as Record<string, unknown>, m.key, m.value);
        } else if (Array.isArray(node.value)) node.value.push(m.value);
        else replace({ [m.key]: m.value });
        break;
      case 'duplicate-key':
        if (node.parent && !Array.isArray(node.parent) && typeof node.key === 'string') {
          define(node.parent, `${DUPLICATE_KEY_PREFIX}${node.key}`, m.value);
        } else replace([node.value, node.value]);
        break;
      case 'wrap-in-array':
        replace([node.value]);
        break;
      case 'to-string':
        replace(node.value instanceof RawJson ? node.value.text : (JSON.stringify(node.value) ?? 'undefined'));
        break;
      case 'empty':
        replace(Array.isArray(node.value) ? [] : typeof node.value === 'string' ? '' : {});
        break;
    }
  }
  return root;
}

/**
 * JSON text of a value that may hold {@link RawJson} and duplicate-key markers. `undefined` becomes no body.
 *
 * @example
 * toJsonText({ n: new RawJson('1e999') }); // '{"n":1e999}'
 */
export function toJsonText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => toJsonText(v) ?? 'null').join(',')}]`;
  if (value && typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => {
        const key = k.startsWith(DUPLICATE_KEY_PREFIX) ? k.slice(DUPLICATE_KEY_PREFIX.length) : k;
        return `${JSON.stringify(key)}:${toJsonText(v)}`;
      });
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Bodies that are not the JSON asked for: empty, scalars, truncated, not JSON, not UTF-8, other encodings. */
export function rawBody(valid: string): fc.Arbitrary<Buffer> {
  const text = (s: string) => Buffer.from(s, 'utf8');
  return fc.oneof(
    fc.constantFrom(
      text(''),
      text(' '),
      text('null'),
      text('1'),
      text('"x"'),
      text('[]'),
      text('{'),
      text('{"a":'),
      text('not json'),
      text('a=1&b=2'),
      text('\u0000'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1]),
    ),
    fc.nat({ max: Math.max(0, valid.length - 1) }).map((n) => text(valid.slice(0, n))),
    fc.constant(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text(valid)])),
    fc.constant(Buffer.from(valid, 'utf16le')),
    fc.constant(text(`${valid}${valid}`)),
    fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
  );
}
