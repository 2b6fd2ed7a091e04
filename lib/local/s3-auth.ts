/**
 * Authenticate a request to the local S3 front as S3 does: an `Authorization: AWS4-HMAC-SHA256 …` header or a
 * presigned query (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`,
 * `X-Amz-Signature`), recomputed with the emulator's one account. Anything else — no signature, Signature Version 2,
 * a changed path, query or signed header, an expired URL, a skewed clock — is an {@link S3Refusal}.
 *
 * The payload is checked later, once the body has been read: the result says which digest it must have.
 *
 * @example
 * const { payload } = authenticateRequest(request, { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region }, new Date());
 * if (payload.kind === 'sha256') … // compare with the body's SHA-256 before storing anything
 */
import { S3Refusal } from './s3-errors';
import {
  ALGORITHM,
  canonicalRequest,
  MalformedUriError,
  parseAmzDate,
  parseQuery,
  scopeOf,
  signaturesMatch,
  signText,
  stringToSign,
  UNSIGNED_PAYLOAD,
} from './s3-sigv4';

/** The one account the emulator knows, and the region it answers for. */
export interface S3Account {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
}

/** A request as it arrived: raw path and query (still encoded), every header value by lower-case name. */
export interface IncomingS3Request {
  readonly method: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
}

/** What the body must be: a SHA-256 the client signed, or anything (`UNSIGNED-PAYLOAD`). */
export type PayloadCheck = { readonly kind: 'sha256'; readonly sha256: string } | { readonly kind: 'unsigned' };

export interface AuthenticatedRequest {
  readonly mechanism: 'header' | 'query';
  readonly payload: PayloadCheck;
}

/** S3 allows a request's own time to be this far from the server's. */
export const MAX_SKEW_MS = 15 * 60 * 1000;
/** The longest a presigned URL may live: seven days. */
export const MAX_PRESIGNED_SECONDS = 604_800;

/** The presigned-URL parameters, which the front strips before passing a request on. */
export const AUTH_QUERY_PARAMETERS: ReadonlySet<string> = new Set(
  [
    'X-Amz-Algorithm',
    'X-Amz-Credential',
    'X-Amz-Date',
    'X-Amz-Expires',
    'X-Amz-SignedHeaders',
    'X-Amz-Signature',
    'X-Amz-Security-Token',
    'X-Amz-Content-Sha256',
  ].map((name) => name.toLowerCase()),
);

const STREAMING_SIGNED = /^STREAMING-AWS4-(HMAC-SHA256|ECDSA-P256-SHA256)-PAYLOAD(-TRAILER)?$/;

/** A parsed `AKID/yyyyMMdd/region/service/aws4_request`. */
export interface Credential {
  readonly accessKeyId: string;
  readonly shortDate: string;
  readonly region: string;
  readonly service: string;
  readonly terminal: string;
}

/** Split a credential; undefined when it does not have five parts. */
export function parseCredential(value: string): Credential | undefined {
  const parts = value.split('/');
  if (parts.length !== 5 || parts.some((p) => p === '')) return undefined;
  const [accessKeyId, shortDate, region, service, terminal] = parts as [string, string, string, string, string];
  return { accessKeyId, shortDate, region, service, terminal };
}

/**
 * Check a credential against the account; `malformed` builds the refusal in the mechanism's own wording.
 *
 * @example
 * checkCredential(parseCredential(value), account, (m) => new S3Refusal('AuthorizationHeaderMalformed', m));
 */
export function checkCredential(
  credential: Credential | undefined,
  account: S3Account,
  malformed: (message: string, details?: Record<string, string>) => S3Refusal,
): Credential {
  if (!credential || !/^\d{8}$/.test(credential.shortDate)) {
    throw malformed('the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".');
  }
  if (credential.accessKeyId !== account.accessKeyId) throw S3Refusal.invalidAccessKeyId(credential.accessKeyId);
  if (credential.region !== account.region) {
    throw malformed(`the region '${credential.region}' is wrong; expecting '${account.region}'`, {
      Region: account.region,
    });
  }
  if (credential.service !== 's3') {
    throw malformed(`incorrect service "${credential.service}". This endpoint belongs to "s3".`);
  }
  if (credential.terminal !== 'aws4_request') {
    throw malformed(`incorrect terminal "${credential.terminal}". This endpoint uses "aws4_request".`);
  }
  return credential;
}

const single = (request: IncomingS3Request, name: string): string | undefined => request.headers[name]?.[0];

/**
 * Authenticate one request; throws the {@link S3Refusal} S3 would answer with.
 *
 * @example
 * authenticateRequest({ method: 'GET', rawPath: '/b/', rawQuery: 'list-type=2', headers: {} }, account, now); // throws AccessDenied
 */
export function authenticateRequest(request: IncomingS3Request, account: S3Account, now: Date): AuthenticatedRequest {
  let query: [string, string][];
  try {
    query = parseQuery(request.rawQuery);
  } catch (error) {
    if (error instanceof MalformedUriError) throw new S3Refusal('InvalidURI', "Couldn't parse the specified URI.");
    throw error;
  }
  const authorization = request.headers.authorization;
  const mechanisms = [
    authorization !== undefined,
    query.some(([name]) => name === 'X-Amz-Algorithm'),
    query.some(([name]) => name === 'Signature' || name === 'AWSAccessKeyId'),
  ].filter(Boolean).length;
  if (mechanisms > 1 || (authorization && authorization.length > 1)) {
    throw new S3Refusal(
      'InvalidArgument',
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      { ArgumentName: 'Authorization', ArgumentValue: authorization?.join(', ') ?? '' },
    );
  }
  if (authorization?.[0] !== undefined) return authenticateHeader(request, authorization[0], account, now);
  if (query.some(([name]) => name === 'X-Amz-Algorithm')) return authenticateQuery(request, query, account, now);
  if (mechanisms === 1) throw signatureVersion2();
  throw S3Refusal.accessDenied();
}

const signatureVersion2 = (): S3Refusal =>
  new S3Refusal(
    'InvalidRequest',
    'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
  );

function authenticateHeader(
  request: IncomingS3Request,
  authorization: string,
  account: S3Account,
  now: Date,
): AuthenticatedRequest {
  const space = authorization.indexOf(' ');
  const algorithm = space < 0 ? authorization : authorization.slice(0, space);
  if (algorithm === 'AWS') throw signatureVersion2();
  if (algorithm !== ALGORITHM) {
    throw new S3Refusal('InvalidArgument', 'Unsupported Authorization Type', {
      ArgumentName: 'Authorization',
      ArgumentValue: authorization,
    });
  }
  const components = new Map(
    authorization
      .slice(space + 1)
      .split(',')
      .map((part) => part.trim())
      .map((part) => [part.slice(0, Math.max(part.indexOf('='), 0)), part.slice(part.indexOf('=') + 1)] as const),
  );
  const credentialValue = components.get('Credential');
  const signedHeadersValue = components.get('SignedHeaders');
  const provided = components.get('Signature');
  const malformed = (message: string, details?: Record<string, string>) =>
    new S3Refusal('AuthorizationHeaderMalformed', `The authorization header is malformed; ${message}`, details);
  if (credentialValue === undefined || signedHeadersValue === undefined || provided === undefined) {
    throw malformed('the authorization header requires three components: Credential, SignedHeaders, and Signature.');
  }
  const credential = checkCredential(parseCredential(credentialValue), account, malformed);

  const amzDateHeader = single(request, 'x-amz-date');
  const dateHeader = single(request, 'date');
  const requestTime = amzDateHeader !== undefined ? parseAmzDate(amzDateHeader) : parseHttpDate(dateHeader);
  if (!requestTime)
    throw new S3Refusal('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  const amzDate =
    amzDateHeader ??
    requestTime
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
      .replace(/[-:]/g, '');
  if (amzDate.slice(0, 8) !== credential.shortDate) {
    throw malformed('Invalid credential date. Date is not the same as X-Amz-Date.');
  }
  if (Math.abs(now.getTime() - requestTime.getTime()) > MAX_SKEW_MS) {
    throw new S3Refusal(
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
      {
        RequestTime: amzDateHeader ?? dateHeader ?? '',
        ServerTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS),
      },
    );
  }
  const contentSha256 = single(request, 'x-amz-content-sha256');
  if (contentSha256 === undefined) {
    throw new S3Refusal('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  }
  if (request.headers['x-amz-security-token']) throw invalidToken();
  const signedHeaders = signedHeaderList(request, signedHeadersValue);
  verifySignature(request, account, credential, amzDate, signedHeaders, contentSha256, provided, false);
  return { mechanism: 'header', payload: payloadCheck(contentSha256) };
}

function authenticateQuery(
  request: IncomingS3Request,
  query: readonly [string, string][],
  account: S3Account,
  now: Date,
): AuthenticatedRequest {
  const param = (name: string) => query.find(([n]) => n === name)?.[1];
  const refuse = (message: string, details?: Record<string, string>) =>
    new S3Refusal('AuthorizationQueryParametersError', message, details);
  if (param('X-Amz-Algorithm') !== ALGORITHM) throw refuse('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const credentialValue = param('X-Amz-Credential');
  const amzDate = param('X-Amz-Date');
  const expiresValue = param('X-Amz-Expires');
  const signedHeadersValue = param('X-Amz-SignedHeaders');
  const provided = param('X-Amz-Signature');
  if (
    credentialValue === undefined ||
    amzDate === undefined ||
    expiresValue === undefined ||
    signedHeadersValue === undefined ||
    provided === undefined
  ) {
    throw refuse(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  const credential = checkCredential(parseCredential(credentialValue), account, (message, details) =>
    refuse(`Error parsing the X-Amz-Credential parameter; ${message}`, details),
  );
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt) throw refuse(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  if (amzDate.slice(0, 8) !== credential.shortDate) {
    throw refuse('Invalid credential date. Date is not the same as X-Amz-Date.');
  }
  if (!/^\d+$/.test(expiresValue)) throw refuse('X-Amz-Expires should be a number');
  const expiresIn = Number(expiresValue);
  if (expiresIn > MAX_PRESIGNED_SECONDS) {
    throw refuse(
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    );
  }
  const expiresAt = new Date(signedAt.getTime() + expiresIn * 1000);
  if (now.getTime() > expiresAt.getTime()) {
    throw new S3Refusal('AccessDenied', 'Request has expired', {
      'X-Amz-Expires': expiresValue,
      Expires: expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ServerTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  }
  if (param('X-Amz-Security-Token') !== undefined) throw invalidToken();
  // A presigned URL cannot know its payload: it signs UNSIGNED-PAYLOAD unless the query itself names a digest.
  const payloadHash = param('X-Amz-Content-Sha256') ?? UNSIGNED_PAYLOAD;
  const signedHeaders = signedHeaderList(request, signedHeadersValue);
  verifySignature(request, account, credential, amzDate, signedHeaders, payloadHash, provided, true);
  return { mechanism: 'query', payload: payloadCheck(payloadHash) };
}

const invalidToken = (): S3Refusal =>
  new S3Refusal('InvalidToken', 'The provided token is malformed or otherwise invalid.');

/** The signed header names; `host` and every `x-amz-*` header the request carries must be among them. */
function signedHeaderList(request: IncomingS3Request, value: string): string[] {
  const signed = value.split(';');
  const unsigned = Object.keys(request.headers)
    .filter((name) => name === 'host' || name.startsWith('x-amz-'))
    .filter((name) => !signed.includes(name))
    .sort();
  if (unsigned.length > 0) {
    throw new S3Refusal('AccessDenied', 'There were headers present in the request which were not signed', {
      HeadersNotSigned: unsigned.join(', '),
    });
  }
  return signed;
}

function verifySignature(
  request: IncomingS3Request,
  account: S3Account,
  credential: Credential,
  amzDate: string,
  signedHeaders: readonly string[],
  payloadHash: string,
  provided: string,
  presigned: boolean,
): void {
  const scope = scopeOf(credential.shortDate, credential.region, credential.service);
  let canonical: string;
  try {
    canonical = canonicalRequest({
      method: request.method,
      rawPath: request.rawPath,
      rawQuery: request.rawQuery,
      headers: request.headers,
      signedHeaders,
      payloadHash,
      omitSignatureParameter: presigned,
    });
  } catch (error) {
    if (error instanceof MalformedUriError) throw new S3Refusal('InvalidURI', "Couldn't parse the specified URI.");
    throw error;
  }
  const toSign = stringToSign(amzDate, scope, canonical);
  if (!signaturesMatch(signText(account.secretAccessKey, scope, toSign), provided)) {
    throw S3Refusal.signatureDoesNotMatch({
      AWSAccessKeyId: credential.accessKeyId,
      StringToSign: toSign,
      SignatureProvided: provided,
      CanonicalRequest: canonical,
    });
  }
}

function payloadCheck(value: string): PayloadCheck {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return { kind: 'sha256', sha256: value.toLowerCase() };
  // Trailing checksums without chunk signatures leave the payload as unsigned as UNSIGNED-PAYLOAD does.
  if (value === UNSIGNED_PAYLOAD || value === 'STREAMING-UNSIGNED-PAYLOAD-TRAILER') return { kind: 'unsigned' };
  // Chunk signatures are not verified here, so signed chunked uploads are refused rather than taken on trust.
  if (STREAMING_SIGNED.test(value)) {
    throw new S3Refusal('NotImplemented', 'A header you provided implies functionality that is not implemented', {
      Header: 'x-amz-content-sha256',
    });
  }
  throw new S3Refusal(
    'InvalidArgument',
    'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
    { ArgumentName: 'x-amz-content-sha256', ArgumentValue: value },
  );
}

/** An RFC 7231 `Date` header (`Fri, 24 May 2013 00:00:00 GMT`). */
function parseHttpDate(value: string | undefined): Date | undefined {
  if (value === undefined || !/GMT$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
