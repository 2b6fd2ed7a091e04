/**
 * A fast-check arbitrary of values that satisfy a JSON Schema — the 2020-12 subset that zod 4 emits into Permit's
 * OpenAPI 3.1 document: `type` (one or several), `const`, `enum`, `anyOf` / `oneOf` / `allOf`, `$ref` to
 * `#/components/schemas/…`, strings (`minLength`, `maxLength`, `pattern`, `format`), numbers and integers (inclusive
 * and exclusive bounds), arrays (`items`, `minItems`, `maxItems`), objects (`properties`, `required`,
 * `additionalProperties`). An empty schema (`{}`) means any JSON value.
 *
 * Written here rather than taken from npm because no maintained package fits: `json-schema-fast-check` is archived
 * and built on fast-check 1, `zod-fast-check` wants zod 3 and fast-check < 4, `@traversable/json-schema-test`
 * depends on a package the registry does not serve, and `openapi-fuzzer-core` has its own random source (no
 * fast-check seeds, no shrinking).
 *
 * `hint` lets the caller mix real values into a property or parameter (existing licence numbers, catalogue products)
 * so that generated requests get past the validators into the use cases.
 *
 * @example
 * const arb = schemaArbitrary({ type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, required: ['n'] }, { root: {} });
 * fc.sample(arb, 1); // [{ n: 17 }]
 */
import fc from 'fast-check';

export type JsonSchema = Readonly<Record<string, unknown>>;

export interface SchemaArbitraryOptions {
  /** The document `$ref`s point into (`#/components/schemas/X`). */
  readonly root: Readonly<Record<string, unknown>>;
  /**
   * Real values for the property or parameter called `name` at `path`, or undefined. They are mixed with the
   * schema's own values, four to one.
   */
  readonly hint?: (name: string, path: readonly string[], schema: JsonSchema) => fc.Arbitrary<unknown> | undefined;
  /** Free text for a string without `pattern`, `format` or `enum` (default: short CJK and ASCII text). */
  readonly text?: (minLength: number, maxLength: number) => fc.Arbitrary<string>;
}

const MAX_DEPTH = 12;
/** Longest free text generated at a string's bound (a schema without one gets far shorter text). */
const MAX_GENERATED_LENGTH = 2_000;

/** Only annotations (`description`, `title`, …): any JSON value satisfies it. */
const ANNOTATIONS = new Set(['description', 'title', 'examples', 'default', 'deprecated', '$comment']);
const isUnconstrained = (schema: JsonSchema): boolean => Object.keys(schema).every((k) => ANNOTATIONS.has(k));

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** Follow `$ref`s until a schema without one. */
export function resolveSchema(schema: JsonSchema, root: SchemaArbitraryOptions['root']): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${String(current.$ref)}`);
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) {
      target = (target as Record<string, unknown> | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    }
    if (!target || typeof target !== 'object') throw new Error(`unresolved $ref ${ref}`);
    const { $ref: _ref, ...rest } = current;
    current = { ...(target as JsonSchema), ...rest };
  }
  return current;
}

/** Short text: CJK as Chinese forms are filled in, ASCII letters, digits and punctuation (no edge whitespace). */
export function defaultText(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
  const unit = fc.oneof(
    { arbitrary: cjk, weight: 3 },
    { arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-_.()'), weight: 2 },
  );
  const max = Math.min(maxLength, minLength + 24);
  return fc.string({ unit, minLength, maxLength: Math.max(minLength, max), size: 'max' });
}

function stringArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<string> {
  const minLength = num(schema.minLength) ?? 0;
  const bound = num(schema.maxLength);
  const fits = (s: string) => s.length >= minLength && (bound === undefined || s.length <= bound);
  if (typeof schema.pattern === 'string') {
    return fc.stringMatching(new RegExp(schema.pattern, 'u')).filter(fits);
  }
  // Unbounded free text stays short; a bound is reached now and then (below).
  const maxLength = bound ?? Math.max(minLength, 24);
  switch (schema.format) {
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress().filter(fits);
    default: {
      const text = options.text ?? defaultText;
      // Now and then text as long as the schema allows: layouts, keys and item sizes break at the bounds.
      const longest = Math.min(maxLength, MAX_GENERATED_LENGTH);
      return fc
        .oneof({ weight: 6, arbitrary: text(minLength, maxLength) }, { weight: 1, arbitrary: text(longest, longest) })
        .filter(fits);
    }
  }
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exclusiveMin = num(schema.exclusiveMinimum);
  const exclusiveMax = num(schema.exclusiveMaximum);
  if (integer) {
    const min = num(schema.minimum) ?? (exclusiveMin !== undefined ? Math.floor(exclusiveMin) + 1 : -1_000_000);
    const max = num(schema.maximum) ?? (exclusiveMax !== undefined ? Math.ceil(exclusiveMax) - 1 : 1_000_000);
    return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  }
  const min = num(schema.minimum) ?? exclusiveMin ?? -1e9;
  const max = num(schema.maximum) ?? exclusiveMax ?? 1e9;
  return fc
    .double({ min, max, noNaN: true, noDefaultInfinity: true })
    .filter(
      (n) => (exclusiveMin === undefined || n > exclusiveMin) && (exclusiveMax === undefined || n < exclusiveMax),
    );
}

function objectArbitrary(
  schema: JsonSchema,
  options: SchemaArbitraryOptions,
  path: readonly string[],
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    model[name] = named(property, options, [...path, name], name, depth + 1);
  }
  const known = fc.record(model, { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) });
  const additional = schema.additionalProperties;
  if (additional && typeof additional === 'object' && Object.keys(properties).length === 0) {
    return fc.dictionary(
      fc.string({ minLength: 1, maxLength: 12 }),
      schemaArbitrary(additional as JsonSchema, options, [...path, '*'], depth + 1),
      { maxKeys: 4 },
    );
  }
  return known as fc.Arbitrary<Record<string, unknown>>;
}

function named(
  schema: JsonSchema,
  options: SchemaArbitraryOptions,
  path: readonly string[],
  name: string,
  depth: number,
): fc.Arbitrary<unknown> {
  const own = schemaArbitrary(schema, options, path, depth);
  const hinted = options.hint?.(name, path, resolveSchema(schema, options.root));
  return hinted ? fc.oneof({ arbitrary: hinted, weight: 4 }, { arbitrary: own, weight: 1 }) : own;
}

/**
 * Values that satisfy `schema`.
 *
 * @example
 * fc.sample(schemaArbitrary({ type: 'string', pattern: '^\\d{2}-\\d{3}$' }, { root: {} }), 2); // ['07-649', '43-276']
 */
export function schemaArbitrary(
  input: JsonSchema,
  options: SchemaArbitraryOptions,
  path: readonly string[] = [],
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = resolveSchema(input, options.root);
  if (depth > MAX_DEPTH) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) {
      const { [key]: _branches, ...common } = schema;
      // A branch that constrains nothing (zod's stand-in for what JSON Schema cannot say) would make "valid" mean
      // "anything"; the constrained branches are the ones to follow.
      const constrained = (branches as JsonSchema[]).filter((b) => !isUnconstrained(resolveSchema(b, options.root)));
      return fc.oneof(
        ...(constrained.length > 0 ? constrained : (branches as JsonSchema[])).map((b) =>
          schemaArbitrary({ ...common, ...b }, options, path, depth + 1),
        ),
      );
    }
  }
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...common } = schema;
    const merged: Record<string, unknown> = { ...common };
    for (const part of allOf as JsonSchema[]) Object.assign(merged, resolveSchema(part, options.root));
    return schemaArbitrary(merged, options, path, depth + 1);
  }
  const type = schema.type;
  if (Array.isArray(type)) {
    return fc.oneof(
      ...(type as string[]).map((t) => schemaArbitrary({ ...schema, type: t }, options, path, depth + 1)),
    );
  }
  switch (type) {
    case 'string':
      return stringArbitrary(schema, options);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = num(schema.minItems) ?? 0;
      const maxItems = num(schema.maxItems);
      const items = (schema.items ?? {}) as JsonSchema;
      const last = path[path.length - 1] ?? '';
      const item = named(items, options, [...path, '[]'], `${last}[]`, depth + 1);
      const few = fc.array(item, { minLength, maxLength: Math.min(maxItems ?? minLength + 4, minLength + 4) });
      // Now and then as many items as the schema allows.
      if (maxItems === undefined || maxItems <= minLength + 4 || maxItems > 100) return few;
      return fc.oneof(
        { weight: 6, arbitrary: few },
        { weight: 1, arbitrary: fc.array(item, { minLength: maxItems, maxLength: maxItems }) },
      );
    }
    case 'object':
      return objectArbitrary(schema, options, path, depth);
    default:
      if (schema.properties) return objectArbitrary(schema, options, path, depth);
      return fc.jsonValue({ maxDepth: 2 });
  }
}
