/**
 * The local S3 endpoint: a signature-checking front for s3rver, which itself checks no Signature Version 4 signature.
 * Every request must be signed for the emulator's account as S3 requires (header or presigned query, see
 * `s3-auth.ts`), or be a browser POST upload within its policy (`s3-post-policy.ts`); anything else gets S3's own
 * XML refusal. Accepted requests go on to s3rver on an internal loopback port, signed by the front.
 *
 * Request bodies are held (`body-spool.ts`) until they are accepted — a signed payload digest checked, a POST file
 * within its size range — so a refused or aborted upload never reaches storage. Responses stream straight through.
 *
 * @example
 * const front = await startS3Front({ port: 0, upstream: 'http://127.0.0.1:4569', account });
 * await fetch(`${front.endpoint}/bucket/`); // 403 AccessDenied: unsigned
 * await front.close();
 */
import { mkdtempSync, rmSync } from 'node:fs';
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { BodySpool } from './body-spool';
import { quietLog, type RuntimeLog } from './log';
import { LOOPBACK, portInUse } from './ports';
import { AUTH_QUERY_PARAMETERS, authenticateRequest, type S3Account } from './s3-auth';
import { newRequestId, S3Refusal } from './s3-errors';
import { type AuthorizedPost, authorizePost, checkPostSize, MAX_PRE_DATA_BYTES } from './s3-post-policy';
import {
  amzDate,
  canonicalRequest,
  decodeComponent,
  EMPTY_SHA256,
  MalformedUriError,
  scopeOf,
  signText,
  stringToSign,
  uriEncode,
} from './s3-sigv4';

export interface S3FrontOptions {
  /** The port clients use; 0 picks a free one. */
  readonly port: number;
  /** s3rver's own endpoint, `http://127.0.0.1:<port>`. */
  readonly upstream: string;
  /** The only credentials accepted, and the region requests must be signed for. */
  readonly account: S3Account;
  /** The clock signatures are checked against (expiry, skew, policy expiration); real time by default. */
  readonly now?: () => Date;
  /** Environment variable to cite when `port` is taken. */
  readonly portVariable?: string;
  /** Where failures of the front itself go (S3 refusals are answers, not failures); warnings and errors by default. */
  readonly log?: RuntimeLog;
}

export interface S3Front {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  /** Stop accepting, drop every connection (keep-alive ones too) and remove held bodies; idempotent. */
  close(): Promise<void>;
}

/** Headers that describe one connection, not the request (RFC 9110 §7.6.1), plus the client's own signature. */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'host',
  'content-length',
  'authorization',
  'x-amz-date',
  'x-amz-content-sha256',
  'x-amz-security-token',
]);

/** Form fields of a POST upload that become headers of the stored object (`acl` becomes `x-amz-acl`). */
const POST_FIELD_HEADERS = new Set([
  'cache-control',
  'content-type',
  'content-disposition',
  'content-encoding',
  'content-md5',
  'expires',
  'x-amz-storage-class',
  'x-amz-website-redirect-location',
  'x-amz-tagging',
]);

/**
 * Start the front on loopback in front of s3rver.
 *
 * @example
 * const front = await startS3Front({ port: 4569, upstream, account, portVariable: 'S3_PORT' });
 */
export async function startS3Front(options: S3FrontOptions): Promise<S3Front> {
  const now = options.now ?? (() => new Date());
  const upstream = new URL(options.upstream);
  // Idle connections to s3rver close after 4 s, before s3rver's own 5 s keep-alive timeout can reset one in use.
  const agent = new Agent({ keepAlive: true, timeout: 4_000 });
  const spoolDir = mkdtempSync(join(tmpdir(), 'permit-s3-front-'));
  const log = options.log ?? quietLog();
  const context: FrontContext = { account: options.account, now, upstream, agent, spoolDir, log };

  const server = createServer();
  const serve = (req: IncomingMessage, res: ServerResponse, expectsContinue: boolean) => {
    handle(context, req, res, expectsContinue).catch(() => {
      // Only a broken connection gets here (the handler answers everything else): nothing left to tell the client.
      res.destroy();
    });
  };
  server.on('request', (req, res) => serve(req, res, false));
  // Answer `Expect: 100-continue` ourselves: a refused upload is refused before its body is sent.
  server.on('checkContinue', (req, res) => serve(req, res, true));

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: options.port, host: LOOPBACK, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    agent.destroy();
    rmSync(spoolDir, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw portInUse(options.port, options.portVariable ?? 'S3_PORT', error);
    }
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    port,
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        agent.destroy();
        rmSync(spoolDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

interface FrontContext {
  readonly account: S3Account;
  readonly now: () => Date;
  readonly upstream: URL;
  readonly agent: Agent;
  readonly spoolDir: string;
  readonly log: RuntimeLog;
}

async function handle(
  context: FrontContext,
  req: IncomingMessage,
  res: ServerResponse,
  expectsContinue: boolean,
): Promise<void> {
  const requestId = newRequestId();
  const url = req.url ?? '/';
  const at = url.indexOf('?');
  const rawPath = at < 0 ? url : url.slice(0, at);
  const rawQuery = at < 0 ? '' : url.slice(at + 1);
  let bodyRead = !hasBody(req);
  try {
    const bucketOfForm = browserPostBucket(req, rawPath, rawQuery);
    if (bucketOfForm !== undefined) {
      // A cross-origin upload (upload.js's XMLHttpRequest) reads the answer only if it carries the CORS headers.
      for (const [name, value] of Object.entries(await corsHeadersOfPost(context, bucketOfForm, req.headers.origin))) {
        res.setHeader(name, value);
      }
      // The policy travels in the body: it can only be checked once the client sends it.
      if (expectsContinue) res.writeContinue();
      bodyRead = true;
      await handlePost(context, req, res, bucketOfForm, requestId);
      return;
    }
    const method = req.method ?? 'GET';
    const { payload } =
      method === 'OPTIONS'
        ? { payload: { kind: 'unsigned' as const } } // CORS preflight: S3 answers it unsigned, by bucket CORS rules
        : authenticateRequest(
            { method, rawPath, rawQuery, headers: req.headersDistinct },
            context.account,
            context.now(),
          );
    if (bodyRead) {
      if (payload.kind === 'sha256' && payload.sha256 !== EMPTY_SHA256) {
        throw payloadMismatch(payload.sha256, EMPTY_SHA256);
      }
      const headers = forwardedHeaders(req);
      if (req.headers['content-length'] !== undefined) headers['content-length'] = req.headers['content-length'];
      await proxy(context, req, res, { path: upstreamPath(rawPath, rawQuery), headers });
      return;
    }
    if (expectsContinue) res.writeContinue();
    const spool = new BodySpool({ directory: context.spoolDir });
    try {
      await pipeline(req, spool);
      bodyRead = true;
      if (payload.kind === 'sha256' && spool.sha256 !== payload.sha256) {
        throw payloadMismatch(payload.sha256, spool.sha256);
      }
      const headers = { ...forwardedHeaders(req), 'content-length': String(spool.size) };
      await proxy(context, req, res, { path: upstreamPath(rawPath, rawQuery), headers, body: spool });
    } finally {
      await spool.dispose();
    }
  } catch (error) {
    const refusal = error instanceof S3Refusal ? error : undefined;
    if (!refusal && (req.destroyed || res.headersSent)) throw error;
    if (!refusal) context.log.error('local S3 front failed', { method: req.method, url, error });
    await answerError(req, res, refusal ?? internalError(), requestId, { bodyRead, expectsContinue });
  }
}

const payloadMismatch = (claimed: string, computed: string): S3Refusal =>
  new S3Refusal(
    'XAmzContentSHA256Mismatch',
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
    {
      ClientComputedContentSHA256: claimed,
      S3ComputedContentSHA256: computed,
    },
  );

const internalError = (): S3Refusal =>
  new S3Refusal('InternalError', 'We encountered an internal error. Please try again.');

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? '0') > 0;
}

/** The bucket of a browser-style POST upload (`POST /bucket` with a multipart form and no other credentials). */
function browserPostBucket(req: IncomingMessage, rawPath: string, rawQuery: string): string | undefined {
  if (req.method !== 'POST' || rawQuery !== '' || req.headers.authorization !== undefined) return undefined;
  const match = /^\/([^/]+)\/?$/.exec(rawPath);
  const type = req.headers['content-type'] ?? '';
  if (!match?.[1] || !/^multipart\/form-data\s*;/i.test(type)) return undefined;
  try {
    return decodeComponent(match[1]);
  } catch {
    return undefined;
  }
}

/** The refusal as S3 sends it; a body the client is still sending is read to its end first, so it sees the answer. */
async function answerError(
  req: IncomingMessage,
  res: ServerResponse,
  refusal: S3Refusal,
  requestId: string,
  state: { bodyRead: boolean; expectsContinue: boolean },
): Promise<void> {
  const body = refusal.toXml(requestId);
  const headers: OutgoingHttpHeaders = {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'x-amz-request-id': requestId,
  };
  if (!state.bodyRead) {
    if (state.expectsContinue) {
      // The client holds its body back until we say continue; we never will, so this connection cannot be reused.
      headers.connection = 'close';
    } else {
      req.resume();
      await finished(req).catch(() => undefined);
    }
  }
  if (res.headersSent || res.destroyed) return;
  res.writeHead(refusal.status, headers).end(body);
}

/** The client's path and query without its own signature (the front signs what it passes on). */
function upstreamPath(rawPath: string, rawQuery: string): string {
  const kept = rawQuery
    .split('&')
    .filter((part) => part !== '')
    .filter((part) => {
      const name = part.split('=', 1)[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeComponent(name);
      } catch {
        // authenticateRequest has already refused undecodable queries
      }
      return !AUTH_QUERY_PARAMETERS.has(decoded.toLowerCase());
    });
  return kept.length > 0 ? `${rawPath}?${kept.join('&')}` : rawPath;
}

function forwardedHeaders(req: IncomingMessage): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (!values || NOT_FORWARDED.has(name)) continue;
    headers[name] = values.length === 1 ? values[0] : values;
  }
  return headers;
}

interface UpstreamRequest {
  /** Path and query, encoded. */
  readonly path: string;
  readonly headers: OutgoingHttpHeaders;
  readonly body?: BodySpool;
}

/**
 * Send a request to s3rver, signed for the emulator's account at the real time (s3rver compares the request's time
 * with its own clock, whatever clock the front checks clients against).
 */
function sendUpstream(context: FrontContext, method: string, request: UpstreamRequest): Promise<IncomingMessage> {
  const host = context.upstream.host;
  const date = amzDate(new Date());
  const at = request.path.indexOf('?');
  const scope = scopeOf(date.slice(0, 8), context.account.region);
  const signedHeaders = ['host', 'x-amz-content-sha256', 'x-amz-date'];
  let canonical: string;
  try {
    canonical = canonicalRequest({
      method,
      rawPath: at < 0 ? request.path : request.path.slice(0, at),
      rawQuery: at < 0 ? '' : request.path.slice(at + 1),
      headers: { host: [host], 'x-amz-content-sha256': ['UNSIGNED-PAYLOAD'], 'x-amz-date': [date] },
      signedHeaders,
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
  } catch (error) {
    // Only an unsigned CORS preflight reaches here without its URI having been parsed already.
    if (error instanceof MalformedUriError)
      return Promise.reject(new S3Refusal('InvalidURI', "Couldn't parse the specified URI."));
    throw error;
  }
  const signature = signText(context.account.secretAccessKey, scope, stringToSign(date, scope, canonical));
  const headers: OutgoingHttpHeaders = {
    ...request.headers,
    host,
    'x-amz-date': date,
    'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    authorization: `AWS4-HMAC-SHA256 Credential=${context.account.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
  };
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: context.upstream.hostname,
        port: context.upstream.port,
        method,
        path: request.path,
        headers,
        agent: context.agent,
      },
      resolve,
    );
    outgoing.on('error', reject);
    if (request.body) {
      pipeline(request.body.stream(), outgoing).catch(reject);
    } else {
      outgoing.end();
    }
  });
}

/** Relay s3rver's answer: status, headers (but the connection's own) and the body, streamed. */
async function proxy(
  context: FrontContext,
  req: IncomingMessage,
  res: ServerResponse,
  request: UpstreamRequest,
): Promise<void> {
  const response = await sendUpstream(context, req.method ?? 'GET', request);
  res.writeHead(response.statusCode ?? 502, relayedHeaders(response.headers));
  await pipeline(response, res);
}

function relayedHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const relayed: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || ['connection', 'keep-alive', 'transfer-encoding'].includes(name)) continue;
    relayed[name] = value;
  }
  return relayed;
}

/**
 * A browser POST upload: read the form up to its file, check the policy before taking the file, hold the file while
 * counting its size, then store it with a PUT and answer as S3 answers a POST (204, 200, 201 with XML, or 303).
 */
async function handlePost(
  context: FrontContext,
  req: IncomingMessage,
  res: ServerResponse,
  bucket: string,
  requestId: string,
): Promise<void> {
  const fields: [string, string][] = [];
  const spool = new BodySpool({ directory: context.spoolDir });
  let preDataBytes = 0;
  let refusal: unknown;
  let fileSeen = false;
  let fileBytes = 0;
  let authorized: AuthorizedPost | undefined;
  let fileStored: Promise<void> | undefined;

  const takeFile = (file: Readable, fileName: string | undefined) => {
    fileSeen = true;
    try {
      authorized = authorizePost({ bucket, fields, fileName }, context.account, context.now());
    } catch (error) {
      refusal = error;
      file.resume();
      return;
    }
    const max = authorized.sizeRange?.max ?? Number.POSITIVE_INFINITY;
    // Past the maximum, keep counting (the refusal reports the size) but hold nothing more.
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        fileBytes += chunk.length;
        callback(null, fileBytes <= max ? chunk : undefined);
      },
    });
    fileStored = pipeline(file, counter, spool);
    fileStored.catch(() => undefined);
  };

  const malformed = async () => {
    req.resume();
    await finished(req).catch(() => undefined);
    return new S3Refusal(
      'MalformedPOSTRequest',
      'The body of your POST request is not well-formed multipart/form-data.',
    );
  };
  let form: busboy.Busboy;
  try {
    form = busboy({
      headers: req.headers,
      // Browsers send file names as raw UTF-8 (HTML's form encoding), not busboy's default Latin-1.
      defParamCharset: 'utf8',
      limits: { fieldSize: MAX_PRE_DATA_BYTES + 1, fields: 1000, parts: 1000 },
    });
  } catch {
    throw await malformed(); // no boundary
  }
  form.on('field', (name, value, info) => {
    if (fileSeen || refusal) return; // S3 ignores everything after the file
    if (name.toLowerCase() === 'file') {
      // A text "file" (a textarea upload): its value is the content.
      takeFile(Readable.from([Buffer.from(value, 'utf8')]), undefined);
      return;
    }
    preDataBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
    if (info.valueTruncated || preDataBytes > MAX_PRE_DATA_BYTES) {
      refusal = new S3Refusal(
        'MaxPostPreDataLengthExceededError',
        'Your POST request fields preceding the upload file were too large.',
        { MaxPostPreDataLength: MAX_PRE_DATA_BYTES },
      );
      return;
    }
    fields.push([name, value]);
  });
  form.on('file', (name, file, info) => {
    if (fileSeen || refusal) {
      file.resume();
      return;
    }
    if (name.toLowerCase() !== 'file') {
      refusal = tooManyFiles();
      file.resume();
      return;
    }
    takeFile(file, info.filename);
  });

  try {
    try {
      await pipeline(req, form);
    } catch {
      req.resume();
      await finished(req).catch(() => undefined);
      throw new S3Refusal(
        'MalformedPOSTRequest',
        'The body of your POST request is not well-formed multipart/form-data.',
      );
    }
    if (fileStored) await fileStored;
    if (refusal) throw refusal;
    if (!fileSeen || !authorized) {
      authorizePost({ bucket, fields, fileName: undefined }, context.account, context.now());
      throw tooManyFiles();
    }
    checkPostSize(fileBytes, authorized.sizeRange);
    await storePost(context, req, res, bucket, authorized, spool, requestId);
  } finally {
    await spool.dispose();
  }
}

/**
 * The CORS headers S3 puts on the answer to a browser's POST upload (success or refusal) when a rule of the bucket
 * allows `POST` from the request's `Origin`: the bucket's rules live in s3rver, so the front asks it the preflight
 * question and echoes the origin when s3rver says yes. No `Origin` (a plain form's navigation, a script) — none.
 */
async function corsHeadersOfPost(
  context: FrontContext,
  bucket: string,
  origin: string | undefined,
): Promise<Record<string, string>> {
  if (!origin) return {};
  const answer = await sendUpstream(context, 'OPTIONS', {
    path: `/${uriEncode(bucket)}`,
    headers: { origin, 'access-control-request-method': 'POST' },
  });
  answer.resume();
  await finished(answer).catch(() => undefined);
  if (answer.statusCode !== 200) return {};
  return {
    'access-control-allow-origin': origin,
    vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
}

const tooManyFiles = (): S3Refusal =>
  new S3Refusal('IncorrectNumberOfFilesInPostRequest', 'POST requires exactly one file upload per request.');

async function storePost(
  context: FrontContext,
  req: IncomingMessage,
  res: ServerResponse,
  bucket: string,
  post: AuthorizedPost,
  spool: BodySpool,
  requestId: string,
): Promise<void> {
  const headers: OutgoingHttpHeaders = { 'content-length': String(spool.size) };
  for (const [name, value] of post.fields) {
    if (POST_FIELD_HEADERS.has(name) || name.startsWith('x-amz-meta-')) headers[name] = value;
    if (name === 'acl') headers['x-amz-acl'] = value;
  }
  const objectPath = `/${uriEncode(bucket)}/${post.key.split('/').map(uriEncode).join('/')}`;
  const response = await sendUpstream(context, 'PUT', { path: objectPath, headers, body: spool });
  if ((response.statusCode ?? 500) >= 300) {
    // s3rver's own refusal (NoSuchBucket, …) is the answer.
    res.writeHead(response.statusCode ?? 502, relayedHeaders(response.headers));
    await pipeline(response, res);
    return;
  }
  response.resume();
  const etag = String(response.headers.etag ?? '');
  const location = `http://${req.headers.host ?? context.upstream.host}${objectPath}`;
  const redirect = post.fields.get('success_action_redirect') ?? post.fields.get('redirect');
  const redirectUrl = redirect ? parseHttpUrl(redirect) : undefined;
  const common = { etag, location, 'x-amz-request-id': requestId };
  if (redirectUrl) {
    redirectUrl.searchParams.append('bucket', bucket);
    redirectUrl.searchParams.append('key', post.key);
    redirectUrl.searchParams.append('etag', etag);
    res.writeHead(303, { ...common, location: redirectUrl.href, 'content-length': 0 }).end();
    return;
  }
  const status = post.fields.get('success_action_status');
  if (status === '201') {
    const xml = (tag: string, value: string) => `<${tag}>${escapeXmlText(value)}</${tag}>`;
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse>' +
      `${xml('Location', location)}${xml('Bucket', bucket)}${xml('Key', post.key)}${xml('ETag', etag)}</PostResponse>`;
    res
      .writeHead(201, { ...common, 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) })
      .end(body);
    return;
  }
  res.writeHead(status === '200' ? 200 : 204, { ...common, 'content-length': 0 }).end();
}

function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const escapeXmlText = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
