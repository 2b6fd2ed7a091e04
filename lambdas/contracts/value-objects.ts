/**
 * Request fields that become domain value objects in the route contract itself — parsed once, at the edge, so the
 * handler hands the use case the value object (jose's `importJWK` returns a key object, never a string to re-parse).
 * A value the domain refuses is answered as the domain words it: its code (`LICENCE_NUMBER_FORMAT`, …) and message,
 * with the detail under the request field's own name (`path.licenceNo`, `body.licenceNo`), which the request parser
 * (`lambdas/shared/http.ts`) takes from the zod issue. The OpenAPI document describes the text (`io: 'input'`).
 *
 * @example
 * const UsccField = z.string().max(40).transform(parsedBy((text) => parseUscc(text))); // → Uscc, or USCC_* 400
 */
import { z } from 'zod';
import { type ErrorCode, ValidationError } from '../domain/errors';

/**
 * What a refusing domain parser's issue carries for the request parser: its catalogued code and its message.
 *
 * @example
 * ctx.addIssue({ code: 'custom', message: detail, params: { code: 'LICENCE_NUMBER_FORMAT', title: '…' } });
 */
export interface DomainIssueParams {
  readonly code: ErrorCode;
  readonly title: string;
}

/**
 * A zod transform that parses with a domain parser; its `ValidationError` becomes the field's issue (code, message,
 * detail) instead of an exception. Other errors are not the caller's fault and propagate.
 *
 * @example
 * LicenceNoParam; // z.string().min(10).max(40).transform(parsedBy(…LicenceNumber…)) in contracts/certificates.ts
 */
export function parsedBy<T>(parse: (text: string) => T): (text: string, ctx: z.RefinementCtx<string>) => T {
  return (text, ctx) => {
    try {
      return parse(text);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const params: DomainIssueParams = { code: error.code, title: error.message };
      const details = error.details.issues ?? [];
      for (const { message } of details.length > 0 ? details : [{ message: error.message }]) {
        ctx.addIssue({ code: 'custom', message, params: { ...params } });
      }
      return z.NEVER;
    }
  };
}
