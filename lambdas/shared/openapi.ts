/**
 * Builds the OpenAPI 3.1 document from the route contracts (zod 4 → JSON Schema 2020-12, which OpenAPI 3.1 uses).
 * Schemas carrying `.meta({ id })` become shared components. The error codes come from the catalogue: the Problem
 * schema's `code` is their enum, and `x-error-codes` gives each one's status, kind and meaning.
 */
import { z } from 'zod';
import { ProblemBody, problemExample } from '../contracts/problem';
import { type ObjectSchema, type RouteContract, routeKey, type Schema } from '../contracts/route';
import { ERROR_CODES, ERROR_MEANINGS, type ErrorCode, type ErrorKind, kindOfCode } from '../domain/error-catalogue';
import { statusOf } from './problem-status';

type JsonSchema = Record<string, unknown>;

class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  toSchema(schema: Schema, io: 'input' | 'output'): JsonSchema {
    const out = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      reused: 'inline',
    }) as JsonSchema;
    const defs = (out.$defs ?? {}) as Record<string, JsonSchema>;
    delete out.$defs;
    delete out.$schema;
    for (const [name, def] of Object.entries(defs)) this.components[name] = rewriteRefs(def) as JsonSchema;
    const id = (out.id ?? undefined) as string | undefined;
    const rewritten = rewriteRefs(out) as JsonSchema;
    if (id) {
      delete rewritten.id;
      this.components[id] = rewritten;
      return { $ref: `#/components/schemas/${id}` };
    }
    return rewritten;
  }
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : rewriteRefs(v),
      ]),
    );
  }
  return value;
}

function parameters(collector: SchemaCollector, route: RouteContract): unknown[] {
  const out: unknown[] = [];
  const add = (location: 'path' | 'query' | 'header', obj: ObjectSchema | undefined) => {
    if (!obj) return;
    for (const [name, field] of Object.entries(obj.shape)) {
      const schema = collector.toSchema(field, 'input');
      const optional = z.safeParse(field, undefined).success;
      out.push({
        name,
        in: location,
        required: location === 'path' ? true : !optional,
        ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
        schema,
      });
    }
  };
  add('path', route.request?.params);
  add('query', route.request?.query);
  add('header', route.request?.headers);
  return out;
}

/**
 * One catalogued error code as the OpenAPI document lists it (`x-error-codes`).
 *
 * @example
 * const row: ErrorCodeDoc = { code: 'USCC_LENGTH', status: 400, kind: 'invalid', description: '…', 'x-zh': '…' };
 */
export interface ErrorCodeDoc {
  readonly code: ErrorCode;
  readonly status: number;
  readonly kind: ErrorKind;
  readonly description: string;
  readonly 'x-zh': string;
  /** Only the local runtime answers it. */
  readonly 'x-local'?: true;
}

/**
 * Every catalogued code with its status, kind and meaning, ordered by status then code.
 *
 * @example
 * errorCodeDocs().find((d) => d.code === 'CERTIFICATE_NOT_FOUND')?.status; // 404
 */
export function errorCodeDocs(): ErrorCodeDoc[] {
  return [...ERROR_CODES]
    .sort((a, b) => statusOf(a) - statusOf(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((code) => {
      const meaning = ERROR_MEANINGS[code];
      return {
        code,
        status: statusOf(code),
        kind: kindOfCode(code),
        description: meaning.en,
        'x-zh': meaning.zh,
        ...(meaning.local ? { 'x-local': true as const } : {}),
      };
    });
}

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly serverUrl?: string;
}

export function buildOpenApi(routes: readonly RouteContract[], info: OpenApiInfo): Record<string, unknown> {
  const collector = new SchemaCollector();
  const paths: Record<string, Record<string, unknown>> = {};
  const problemRef = collector.toSchema(ProblemBody, 'output');
  const seen = new Set<string>();
  for (const route of routes) {
    const key = routeKey(route);
    if (seen.has(key)) throw new Error(`duplicate route ${key}`);
    seen.add(key);
    const responses: Record<string, unknown> = {};
    for (const [status, res] of Object.entries(route.responses)) {
      const contentType = res.contentType ?? 'application/json';
      responses[status] = {
        description: res.description,
        ...(res.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(res.headers).map(([h, d]) => [
                  h,
                  { description: d.description, schema: { type: 'string' } },
                ]),
              ),
            }
          : {}),
        ...(res.schema || res.example !== undefined
          ? {
              content: {
                [contentType]: {
                  ...(res.schema ? { schema: collector.toSchema(res.schema, 'output') } : {}),
                  ...(res.example !== undefined ? { example: res.example } : {}),
                },
              },
            }
          : {}),
      };
    }
    responses.default = {
      description:
        'Error (RFC 9457 problem details with a stable `code`; every code, its status and meaning: `x-error-codes`)',
      content: {
        'application/problem+json': {
          schema: problemRef,
          example: problemExample(statusOf('INVALID_REQUEST'), 'INVALID_REQUEST', 'invalid body'),
        },
      },
    };
    const req = route.request;
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [...route.tags],
      security: Array.isArray(route.access) ? [{ bearer: [] }] : [],
      ...(Array.isArray(route.access) ? { 'x-permit-roles': [...route.access] } : { 'x-permit-access': route.access }),
      parameters: parameters(collector, route),
      ...(req?.body
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                (req.bodyContentTypes ?? ['application/json']).map((ct) => [
                  ct,
                  ct === 'application/json'
                    ? {
                        schema: collector.toSchema(req.body as Schema, 'input'),
                        ...(req.bodyExample !== undefined ? { example: req.bodyExample } : {}),
                      }
                    : { schema: { type: 'string', contentMediaType: ct } },
                ]),
              ),
            },
          }
        : {}),
      responses,
    };
    // API Gateway's `ANY` has no OpenAPI operation; only the console (left out of the document) uses it.
    if (route.method === 'ANY') throw new Error(`${route.operationId}: an ANY route cannot be described in OpenAPI`);
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      description:
        'Permit issues and verifies industrial-product production licence certificates (全国工业产品生产许可证).',
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    paths,
    'x-error-codes': errorCodeDocs(),
    components: {
      schemas: collector.components,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
