/**
 * The operations of the OpenAPI document the service serves, in the shape the fuzzer needs: method, path template,
 * parameters with their schemas, request body media types, documented responses and who may call.
 *
 * @example
 * const operations = operationsOf(await (await fetch(`${baseUrl}/openapi.json`)).json());
 * operations.find((o) => o.operationId === 'getCertificate')?.path; // '/v1/certificates/{licenceNo}'
 */
import type { JsonSchema } from './json-schema-arbitrary';

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly schema: JsonSchema;
}

export interface Operation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly description: string;
  /** Roles, or `public` / `signed`. */
  readonly access: readonly string[] | 'public' | 'signed';
  readonly parameters: readonly Parameter[];
  /** Request body schema by media type (absent: the operation takes no body). */
  readonly body: Readonly<Record<string, JsonSchema>> | undefined;
  /** Documented responses: status (or `default`) → media types. */
  readonly responses: Readonly<Record<string, readonly string[]>>;
}

type Doc = { paths: Record<string, Record<string, Record<string, unknown>>> };

/**
 * Every operation of an OpenAPI 3.1 document.
 *
 * @example
 * operationsOf(doc).map((o) => o.operationId);
 */
export function operationsOf(document: unknown): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries((document as Doc).paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content;
      const responses = (op.responses ?? {}) as Record<string, { content?: Record<string, unknown> }>;
      out.push({
        operationId: op.operationId as string,
        method: method.toUpperCase(),
        path,
        description: (op.description as string | undefined) ?? '',
        access: (op['x-permit-roles'] as string[] | undefined) ?? (op['x-permit-access'] as 'public' | 'signed'),
        parameters: (op.parameters ?? []) as Parameter[],
        body: content
          ? Object.fromEntries(Object.entries(content).map(([type, media]) => [type, media.schema ?? {}]))
          : undefined,
        responses: Object.fromEntries(
          Object.entries(responses).map(([status, response]) => [status, Object.keys(response.content ?? {})]),
        ),
      });
    }
  }
  return out;
}
