/**
 * The refusals the local S3 front answers with, in S3's own shape: an XML `<Error>` body with `Code`, `Message` and
 * the detail elements S3 adds (`StringToSign`, `MaxSizeAllowed`, …), under the status S3 uses for that code.
 *
 * @example
 * throw S3Refusal.accessDenied();
 * // 403 <Error><Code>AccessDenied</Code><Message>Access Denied</Message>…</Error>
 */
import { randomBytes } from 'node:crypto';

/** The S3 error codes the front produces, with the status S3 gives each. */
const STATUS = {
  AccessDenied: 403,
  AuthorizationHeaderMalformed: 400,
  AuthorizationQueryParametersError: 400,
  EntityTooLarge: 400,
  EntityTooSmall: 400,
  IncorrectNumberOfFilesInPostRequest: 400,
  InternalError: 500,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidPolicyDocument: 400,
  InvalidRequest: 400,
  InvalidToken: 400,
  InvalidURI: 400,
  MalformedPOSTRequest: 400,
  MaxPostPreDataLengthExceededError: 400,
  NotImplemented: 501,
  RequestTimeTooSkewed: 403,
  SignatureDoesNotMatch: 403,
  XAmzContentSHA256Mismatch: 400,
} as const;

export type S3ErrorCode = keyof typeof STATUS;

const escapeXml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );

/** A request the front refuses; `toXml()` is the body S3 would send. */
export class S3Refusal extends Error {
  override readonly name = 'S3Refusal';
  readonly status: number;

  constructor(
    readonly code: S3ErrorCode,
    message: string,
    /** Extra elements after `<Message>`, in order. */
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }

  /** The XML error document, with a fresh request id as S3 gives one. */
  toXml(requestId: string): string {
    const details = Object.entries(this.details)
      .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
      .join('');
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<Error><Code>${this.code}</Code><Message>${escapeXml(this.message)}</Message>${details}` +
      `<RequestId>${requestId}</RequestId><HostId>${hostId()}</HostId></Error>`
    );
  }

  /** No (or no usable) credentials: S3's plain refusal. */
  static accessDenied(): S3Refusal {
    return new S3Refusal('AccessDenied', 'Access Denied');
  }

  static signatureDoesNotMatch(details: Readonly<Record<string, string>>): S3Refusal {
    return new S3Refusal(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      details,
    );
  }

  static invalidAccessKeyId(accessKeyId: string): S3Refusal {
    return new S3Refusal('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
      AWSAccessKeyId: accessKeyId,
    });
  }

  /** A POST form that breaks its policy (`Invalid according to Policy: …`). */
  static policy(reason: string): S3Refusal {
    return new S3Refusal('AccessDenied', `Invalid according to Policy: ${reason}`);
  }
}

/** An S3-style request id: 16 upper-case hex characters. */
export const newRequestId = (): string => randomBytes(8).toString('hex').toUpperCase();

const hostId = (): string => randomBytes(32).toString('base64');
