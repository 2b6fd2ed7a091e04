/**
 * Verify a certificate from the command line.
 *
 *   npm run verify -- <QR text | Base32 payload | PDF file>                 # online: asks the QR's own address
 *   npm run verify -- <QR text | PDF file> --url https://permit.example     # online: POST <url>/v1/verify
 *   npm run verify -- <QR text | PDF file | compact JWS> --offline --jwks jwks.json   # no network at all
 *   … --trust-anchors ca.pem                                              # offline, a PDF's own signature too
 *   … --proof answer.json --log-key <key text | key file>                  # and check a saved log inclusion proof
 *   … --json                                                                # the result as JSON
 *   npm run verify -- --status-list list.jwt --index 4711 --jwks jwks.json         # one licence in a saved list
 *   npm run verify -- --status-list list.jwt --certificate cert.json --jwks jwks.json   # its index from the view
 *
 * Offline checks the format, the signature against the saved JWKS (`npm run keys -- jwks`, or
 * `GET /.well-known/jwks.json`) and the signed validity dates; it cannot check the register, so it never says valid:
 * a genuine certificate answers "cannot confirm — status was not checked offline".
 *
 * `--trust-anchors` (offline, a PDF) checks the file's own PAdES signature against the CA certificates in a PEM file
 * (the authority's CA; locally `.permit/keys/pades-trust-anchors.pem`): byte range, digest, CMS signature, chain, and
 * any document timestamp. A broken one makes the answer invalid; without the option it is listed as not applicable.
 *
 * `--proof` takes a verification answer saved from `POST /v1/verify` or `GET /v/…` (Accept: application/json) and
 * checks, with no network, that its transparency-log inclusion proof holds for this QR: the checkpoint signed by the
 * log key (`--log-key`, from `GET /.well-known/transparency-log-key`), the entry the issuance of this licence, version
 * and signed QR record, the audit path leading to the checkpoint's root (`checkLogProof`). The output adds "recorded
 * in the public log (#N, checkpoint size M)" or why the proof fails; the verdict itself is unchanged (offline it stays
 * cannot confirm: the log proves the issuance, not today's status).
 *
 * `--status-list` checks one licence against a downloaded status list (`GET /status-lists/1`, see
 * `docs/status-list.md`), with no network: the list's signature against the saved JWKS (`readLicenceInList`: an
 * altered list, an unknown or refused key, an expired or malformed list is refused with its `STATUS_LIST_*` code),
 * then the licence's entry — by `--index N`, or `--certificate <file>`, the certificate's saved API view (its
 * `statusListIndex`, or `certificate.statusListIndex` of a saved verification answer). The output names the status
 * (有效 valid, 暂扣 suspended, 吊销 revoked, 注销 cancelled) and the list's `iat`/`exp` in Beijing time, and says that
 * expiry is not in the list (a reader checks the certificate's validity dates).
 *
 * Exit codes: 0 valid (and the proof, if given, holds; with `--status-list`: the list verified and says valid); 1
 * anything else (invalid, revoked, suspended, cancelled, expired, cannot confirm, a proof that fails, the service
 * could not be asked, a refused status list or an index outside it); 2 usage error, including a proof file that
 * cannot be read or holds no inclusion proof, a list, JWKS or certificate file that cannot be read, an index that is
 * not a whole number, a saved view without a status-list index, and `--status-list` beside a QR, payload or PDF.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { base64url } from 'jose';
import { checkPdfSignatureOffline } from '../lambdas/composition/tools';
import { ERROR_MEANINGS, type ErrorCode } from '../lambdas/domain/error-catalogue';
import { isPermitError } from '../lambdas/domain/errors';
import { findEmbeddedQrText } from '../lambdas/domain/signing/embedded-qr';
import { KeySet } from '../lambdas/domain/signing/key-set';
import { decodeQrPayload, decodeQrText } from '../lambdas/domain/signing/qr-claims';
import {
  LICENCE_IN_LIST_LABELS,
  type LicenceInList,
  readLicenceInList,
} from '../lambdas/domain/status-list/licence-in-list';
import { MAX_STATUS_LIST_JWT_CHARS } from '../lambdas/domain/status-list/status-list-token';
import { checkLogProof, type LogProofQr, type LogProofResult } from '../lambdas/domain/verification/log-proof';
import { credentialFromText, verifyOffline } from '../lambdas/domain/verification/offline';
import {
  CHECK_LABELS,
  outcomeLabel,
  VERDICT_LABELS,
  type VerificationResult,
} from '../lambdas/domain/verification/result';
import { VerificationResultBody } from '../lambdas/domain/verification/schema';

const USAGE = `usage: npm run verify -- <QR text | payload | PDF file> [--url <base URL>] [--json]
       npm run verify -- <QR text | payload | PDF file | compact JWS> --offline --jwks <JWKS file> [--json]
       … --trust-anchors <CA PEM file>   (offline: also checks a PDF's own signature)
       … [--proof <saved answer JSON> --log-key <log key text | file>]   (checks a saved log inclusion proof)
       npm run verify -- --status-list <list JWT file> (--index <N> | --certificate <saved view JSON>)
                         --jwks <JWKS file> [--json]                      (one licence in a saved status list)`;
const MAX_PROOF_BYTES = 1024 * 1024;
const MAX_VIEW_BYTES = 1024 * 1024;

const ICONS = { pass: '✓', fail: '✕', unavailable: '?', skipped: '–' } as const;
const MAX_PDF_BYTES = 2 * 1024 * 1024;

class UsageError extends Error {}

interface CertificateOptions {
  readonly kind: 'certificate';
  readonly input: string;
  readonly offline: boolean;
  readonly jwks?: string;
  readonly url?: string;
  readonly json: boolean;
  readonly proof?: string;
  readonly logKey?: string;
  readonly trustAnchors?: string;
}

interface StatusListOptions {
  readonly kind: 'status-list';
  readonly list: string;
  readonly jwks: string;
  /** Where the index comes from: the number given, or a saved certificate view. */
  readonly index: { readonly given: number } | { readonly view: string };
  readonly json: boolean;
}

type Options = CertificateOptions | StatusListOptions;

function parseArgs(argv: readonly string[]): Options {
  const positional: string[] = [];
  let offline = false;
  let json = false;
  let jwks: string | undefined;
  let url: string | undefined;
  let proof: string | undefined;
  let logKey: string | undefined;
  let statusList: string | undefined;
  let index: string | undefined;
  let certificate: string | undefined;
  let trustAnchors: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--offline') offline = true;
    else if (arg === '--json') json = true;
    else if (arg === '--jwks') jwks = value();
    else if (arg === '--url') url = value().replace(/\/+$/, '');
    else if (arg === '--proof') proof = value();
    else if (arg === '--log-key') logKey = value();
    else if (arg === '--status-list') statusList = value();
    else if (arg === '--index') index = value();
    else if (arg === '--certificate') certificate = value();
    else if (arg === '--trust-anchors') trustAnchors = value();
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (statusList !== undefined) {
    return statusListOptions({ list: statusList, jwks, index, certificate, json, positional, url, proof, logKey });
  }
  if (index !== undefined || certificate !== undefined) {
    throw new UsageError('--index and --certificate are only used with --status-list <list JWT file>');
  }
  if (positional.length !== 1) throw new UsageError('give exactly one QR text, payload, JWS or PDF file');
  if (offline && !jwks) throw new UsageError('--offline needs --jwks <file> (save it with `npm run keys -- jwks`)');
  if (!offline && jwks) throw new UsageError('--jwks is only used with --offline or --status-list');
  if (offline && url) throw new UsageError('--url and --offline exclude each other');
  if (url && !/^https?:\/\/\S+$/.test(url)) throw new UsageError(`--url must be an http(s) URL, got ${url}`);
  if (proof && !logKey) {
    throw new UsageError('--proof needs --log-key <key text or file> (GET /.well-known/transparency-log-key)');
  }
  if (logKey && !proof) throw new UsageError('--log-key is only used with --proof <saved answer JSON>');
  if (trustAnchors && !offline) {
    throw new UsageError('--trust-anchors is used with --offline (online, the service checks the PDF signature)');
  }
  return {
    kind: 'certificate',
    input: positional[0] as string,
    offline,
    json,
    ...(jwks ? { jwks } : {}),
    ...(url ? { url } : {}),
    ...(proof && logKey ? { proof, logKey } : {}),
    ...(trustAnchors ? { trustAnchors } : {}),
  };
}

/** The PEM text of `--trust-anchors`; unreadable is a usage error. */
function readAnchors(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the trust anchors ${path}: ${(e as Error).message}`);
  }
}

/** `--status-list` checks a saved list offline: it needs the JWKS and one index source, and no QR, URL or proof. */
function statusListOptions(given: {
  readonly list: string;
  readonly jwks: string | undefined;
  readonly index: string | undefined;
  readonly certificate: string | undefined;
  readonly json: boolean;
  readonly positional: readonly string[];
  readonly url: string | undefined;
  readonly proof: string | undefined;
  readonly logKey: string | undefined;
}): StatusListOptions {
  if (given.positional.length > 0) {
    throw new UsageError('--status-list checks a saved list, not a QR, payload or PDF: give no positional argument');
  }
  if (!given.jwks) {
    throw new UsageError('--status-list needs --jwks <file> (GET /.well-known/jwks.json, or `npm run keys -- jwks`)');
  }
  if (given.url) throw new UsageError('--url and --status-list exclude each other (the list is checked offline)');
  if (given.proof || given.logKey) throw new UsageError('--proof and --log-key are not used with --status-list');
  if ((given.index === undefined) === (given.certificate === undefined)) {
    throw new UsageError('--status-list needs either --index <N> or --certificate <saved view JSON>');
  }
  return {
    kind: 'status-list',
    list: given.list,
    jwks: given.jwks,
    index: given.index !== undefined ? { given: indexOf(given.index) } : { view: given.certificate as string },
    json: given.json,
  };
}

/** A whole number (negative or too large ones are left to the list, which refuses them as out of range). */
function indexOf(text: string): number {
  if (!/^-?\d{1,30}$/.test(text)) throw new UsageError(`--index must be a whole number, got "${text}"`);
  return Number(text);
}

/** A PDF file's bytes, or the text itself. */
function readInput(input: string): string | Uint8Array {
  if (!existsSync(input) || !statSync(input).isFile()) return input;
  if (statSync(input).size > MAX_PDF_BYTES) throw new UsageError(`${input} is larger than 2 MiB: not a certificate`);
  return new Uint8Array(readFileSync(input));
}

function readJwks(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read the JWKS ${path}: ${(e as Error).message}`);
  }
}

/** The saved answer of a `--proof` file: unreadable, too large or not JSON is a usage error. */
function readProof(path: string): unknown {
  try {
    if (statSync(path).size > MAX_PROOF_BYTES) throw new Error('larger than 1 MiB: not a verification answer');
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new UsageError(`cannot read the proof ${path}: ${reason}`);
  }
}

/** The log key: the text itself, or a file holding it. */
function readLogKey(value: string): string {
  if (/^[^\s+]+\+[0-9a-f]{8}\+/.test(value.trim())) return value.trim();
  try {
    return readFileSync(value, 'utf8').trim();
  } catch (e) {
    throw new UsageError(
      `--log-key is neither a key (<name>+<key ID>+<base64>) nor a readable file: ${(e as Error).message}`,
    );
  }
}

/** What the QR says, for the proof: a compact JWS's licence, version and itself, or the decoded QR (or undefined). */
function qrForProof(input: string | Uint8Array): LogProofQr | undefined {
  try {
    if (input instanceof Uint8Array) return { decoded: decodeQrText(findEmbeddedQrText(input)) };
    const credential = credentialFromText(input, { allowJws: true });
    if (credential.kind === 'qr-text') return { decoded: decodeQrText(credential.text) };
    if (credential.kind === 'qr-payload') return { decoded: decodeQrPayload(credential.payload) };
    if (credential.kind !== 'jws') return undefined;
    const payload = JSON.parse(new TextDecoder().decode(base64url.decode(credential.jws.split('.')[1] ?? ''))) as {
      lic?: unknown;
      ver?: unknown;
    };
    if (typeof payload.lic !== 'string' || typeof payload.ver !== 'number') return undefined;
    return { licenceNumber: payload.lic, version: payload.ver, jws: credential.jws };
  } catch (e) {
    if (isPermitError(e) || e instanceof SyntaxError || e instanceof TypeError) return undefined;
    throw e;
  }
}

/** Check the saved proof (a `TLOG_PROOF_MALFORMED` file is a usage error: it holds no proof at all). */
function checkProof(
  input: string | Uint8Array,
  given: { readonly file: string; readonly saved: unknown; readonly key: string },
): LogProofResult {
  const qr = qrForProof(input);
  const result = qr
    ? checkLogProof(given.saved, given.key, qr)
    : ({ ok: false, code: 'QR_FORMAT', message: 'the QR cannot be read, so the proof cannot be checked' } as const);
  if (!result.ok && result.code === 'TLOG_PROOF_MALFORMED') throw new UsageError(`${given.file}: ${result.message}`);
  return result;
}

function describeProof(proof: LogProofResult): string[] {
  if (proof.ok) {
    return [
      `  ✓ 公开透明日志 Public log: 已记录（第 ${proof.index} 号，检查点大小 ${proof.treeSize}）`,
      `      recorded in the public log (#${proof.index}, checkpoint size ${proof.treeSize}) — ${proof.origin}`,
    ];
  }
  return [`  ✕ 公开透明日志 Public log: 证明不成立 proof does NOT hold [${proof.code}]`, `      ${proof.message}`];
}

async function verifyOnline(input: string | Uint8Array, url: string | undefined): Promise<VerificationResult> {
  let response: Response;
  if (url) {
    const isPdf = input instanceof Uint8Array;
    response = await fetch(`${url}/v1/verify`, {
      method: 'POST',
      headers: { 'content-type': isPdf ? 'application/pdf' : 'application/json', accept: 'application/json' },
      body: isPdf ? input : JSON.stringify({ qr: input }),
    });
  } else if (typeof input === 'string' && /^https?:\/\/\S+\/v\/[A-Za-z0-9]+$/.test(input.trim())) {
    response = await fetch(input.trim(), { headers: { accept: 'application/json' } });
  } else {
    throw new UsageError('a PDF file or a bare payload needs --url <base URL> (or use --offline --jwks <file>)');
  }
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = VerificationResultBody.safeParse(body);
  if (!parsed.success) throw new Error(`${response.url} answered ${response.status} without a verification result`);
  return parsed.data as VerificationResult;
}

function describe(result: VerificationResult, where: string): string {
  const label = VERDICT_LABELS[result.verdict];
  const lines = [
    `${label.zh} ${label.en}  (${where})`,
    `${result.summary.zh}`,
    `${result.summary.en}`,
    '',
    ...result.checks.flatMap((c) => {
      const outcome = outcomeLabel(c);
      const name = CHECK_LABELS[c.name];
      return [
        `  ${ICONS[c.outcome]} ${name.zh} ${name.en}: ${outcome.zh} ${outcome.en} [${c.code}]`,
        `      ${c.reason.zh}`,
        `      ${c.reason.en}`,
        ...(c.warning ? [`      ! ${c.warning.zh}`, `      ! ${c.warning.en}`] : []),
      ];
    }),
    '',
  ];
  const shown = result.certificate ?? result.claims;
  if (result.certificate) {
    lines.push(`  许可证编号 Licence:   ${result.certificate.licenceNo} (v${result.certificate.version})`);
    lines.push(`  企业名称 Enterprise:  ${result.certificate.enterpriseName} (${result.certificate.uscc})`);
    lines.push(`  有效期至 Valid until: ${result.certificate.validUntil}`);
  } else if (shown) {
    lines.push(`  许可证编号 Licence:   ${shown.licenceNo} (v${shown.version}) — 签名所载 as signed`);
    lines.push(`  统一社会信用代码 USCC: ${shown.uscc}`);
    lines.push(`  有效期至 Valid until: ${shown.validUntil}`);
  }
  if (result.mode === 'offline') {
    lines.push('  离线核验：未核对证书状态（吊销、暂扣、注销）。请联网核验以确认状态。');
    lines.push('  Offline: the status (revoked, suspended, cancelled) was NOT checked. Verify online to confirm it.');
  } else {
    lines.push(`  状态核对时间 Status as of: ${result.statusAsOf ?? '—'}`);
  }
  lines.push(`  核验时间 Checked at: ${result.checkedAt}`);
  return lines.join('\n');
}

/** The saved list token: unreadable or too large to be a list is a usage error. */
function readStatusListFile(path: string): string {
  try {
    if (statSync(path).size > MAX_STATUS_LIST_JWT_CHARS) throw new Error('too large to be a status list token');
    return readFileSync(path, 'utf8').trim();
  } catch (e) {
    throw new UsageError(`cannot read the status list ${path}: ${reasonOf(e)}`);
  }
}

/** The saved JWKS as a key set: a file that holds no valid key set is a usage error (nothing to verify with). */
async function readKeySet(path: string): Promise<KeySet> {
  const jwks = readJwks(path);
  try {
    return await KeySet.fromJwks(jwks);
  } catch (e) {
    if (!isPermitError(e)) throw e;
    throw new UsageError(`${path} is not a usable JWKS [${e.code}]: ${e.message}`);
  }
}

/** What a saved certificate view says: its status-list index (required) and, to show, its licence and validity. */
interface SavedView {
  readonly index: number;
  readonly licenceNo?: string;
  readonly validUntil?: string;
}

/**
 * The index from a saved API view of a certificate (`statusListIndex`), or from a saved verification answer
 * (`certificate.statusListIndex`); a file without one is a usage error.
 */
function readSavedView(path: string): SavedView {
  let view: unknown;
  try {
    if (statSync(path).size > MAX_VIEW_BYTES) throw new Error('larger than 1 MiB: not a certificate view');
    view = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read the certificate view ${path}: ${reasonOf(e)}`);
  }
  const top = (typeof view === 'object' && view !== null ? view : {}) as Record<string, unknown>;
  const nested = top.certificate;
  const source = (
    top.statusListIndex === undefined && typeof nested === 'object' && nested !== null ? nested : top
  ) as Record<string, unknown>;
  const index = source.statusListIndex;
  if (index === undefined || index === null) {
    throw new UsageError(
      `${path} has no status-list index (statusListIndex): save the certificate's API view from a service that ` +
        'shows it, or give --index <N>',
    );
  }
  if (typeof index !== 'number' || !Number.isInteger(index)) {
    throw new UsageError(`${path}: statusListIndex must be a whole number, got ${JSON.stringify(index)}`);
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const licenceNo = text(source.licenceNo);
  const validUntil = text(source.validUntil);
  return { index, ...(licenceNo ? { licenceNo } : {}), ...(validUntil ? { validUntil } : {}) };
}

const reasonOf = (e: unknown) =>
  (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;

type StatusListOutcome =
  | { readonly ok: true; readonly read: LicenceInList; readonly view?: SavedView }
  | { readonly ok: false; readonly index: number; readonly code: ErrorCode; readonly message: string };

/** Read every file first (usage errors), then verify the list and read the licence (refusals carry their code). */
async function checkStatusList(options: StatusListOptions, now: Date): Promise<StatusListOutcome> {
  const view = 'view' in options.index ? readSavedView(options.index.view) : undefined;
  const index = view ? view.index : (options.index as { readonly given: number }).given;
  const jwt = readStatusListFile(options.list);
  const keySet = await readKeySet(options.jwks);
  try {
    const read = await readLicenceInList(jwt, keySet, index, { now });
    return { ok: true, read, ...(view ? { view } : {}) };
  } catch (e) {
    if (!isPermitError(e)) throw e;
    return { ok: false, index, code: e.code, message: e.message };
  }
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** NumericDate as `2026-10-01 08:00:00 北京时间 (UTC+8)`. */
function beijingTime(seconds: number): string {
  const local = new Date(seconds * 1000 + BEIJING_OFFSET_MS).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} 北京时间 Beijing time (UTC+8)`;
}

const NOT_EXPIRY = [
  '  状态列表不含有效期：许可证是否过期，请核对证书的有效期。',
  "  The status list does not say whether a licence has expired: check the certificate's validity dates.",
];

function describeStatusList(outcome: StatusListOutcome, options: StatusListOptions): string {
  const where = `offline, status list ${options.list}, ${options.jwks}`;
  if (!outcome.ok) {
    const meaning = ERROR_MEANINGS[outcome.code];
    return [
      `✕ 状态列表被拒绝 Status list REFUSED [${outcome.code}]  (${where})`,
      `  ${meaning.zh}`,
      `  ${meaning.en}`,
      `  ${outcome.message}`,
      `  未能读取状态列表第 ${outcome.index} 号的许可证状态。`,
      `  The status of the licence at index ${outcome.index} could not be read.`,
    ].join('\n');
  }
  const { read, view } = outcome;
  const label = LICENCE_IN_LIST_LABELS[read.status];
  const lines = [
    `${label.zh} ${label.en.toUpperCase()}  (${where})`,
    `许可证状态（状态列表第 ${read.index} 号）：${label.zh}`,
    `Licence status (status list index ${read.index}): ${label.en}`,
    '',
    `  ✓ 状态列表签名 List signature: 通过 PASS — key ${read.kid}`,
    `  状态列表 List:              ${read.claims.sub} (${read.size} entries)`,
    `  签发时间 Issued at (iat):    ${beijingTime(read.claims.iat)}`,
    `  失效时间 Expires at (exp):   ${read.claims.exp === undefined ? '—' : beijingTime(read.claims.exp)}`,
  ];
  if (view?.licenceNo)
    lines.push(`  许可证编号 Licence:          ${view.licenceNo} — 来自保存的证书信息 from the saved view`);
  if (view?.validUntil) {
    lines.push(`  有效期至 Valid until:        ${view.validUntil} — 来自保存的证书信息 from the saved view`);
  }
  lines.push(...NOT_EXPIRY);
  return lines.join('\n');
}

function statusListJson(outcome: StatusListOutcome, options: StatusListOptions): unknown {
  const base = { mode: 'status-list', list: options.list, jwks: options.jwks };
  if (!outcome.ok) {
    return { ...base, index: outcome.index, refused: { code: outcome.code, message: outcome.message } };
  }
  const { read, view } = outcome;
  return {
    ...base,
    index: read.index,
    status: read.status,
    value: read.value,
    label: LICENCE_IN_LIST_LABELS[read.status],
    signatureValid: true,
    kid: read.kid,
    claims: read.claims,
    issuedAt: new Date(read.claims.iat * 1000).toISOString(),
    expiresAt: read.claims.exp === undefined ? null : new Date(read.claims.exp * 1000).toISOString(),
    ...(view ? { certificate: { licenceNo: view.licenceNo ?? null, validUntil: view.validUntil ?? null } } : {}),
    expiryChecked: false,
    note: "The status list does not say whether a licence has expired: check the certificate's validity dates.",
  };
}

async function runStatusList(options: StatusListOptions): Promise<number> {
  const outcome = await checkStatusList(options, new Date());
  if (options.json) console.log(JSON.stringify(statusListJson(outcome, options), null, 2));
  else console.log(describeStatusList(outcome, options));
  return outcome.ok && outcome.read.status === 'valid' ? 0 : 1;
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options.kind === 'status-list') return runStatusList(options);
  const input = readInput(options.input);
  // The proof file and key are read first: a bad one is a usage error before any verification (or network).
  const given =
    options.proof && options.logKey
      ? { file: options.proof, saved: readProof(options.proof), key: readLogKey(options.logKey) }
      : undefined;
  const result = options.offline
    ? await verifyOffline(input, readJwks(options.jwks as string), {
        now: new Date(),
        ...(input instanceof Uint8Array && options.trustAnchors
          ? { pdfSignature: await checkPdfSignatureOffline(input, readAnchors(options.trustAnchors)) }
          : {}),
      })
    : await verifyOnline(input, options.url);
  // Online without --url, the QR's own host answered: show it (the base URL is not covered by the signature).
  const asked = options.url ?? (typeof input === 'string' ? new URL(input.trim()).origin : '');
  const where = options.offline ? `offline, ${options.jwks}` : `online, answered by ${asked}`;
  const proof = given ? checkProof(input, given) : undefined;
  if (options.json) console.log(JSON.stringify(proof ? { ...result, logProof: proof } : result, null, 2));
  else console.log([describe(result, where), ...(proof ? describeProof(proof) : [])].join('\n'));
  return result.verdict === 'valid' && proof?.ok !== false ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      if (e.message) console.error(e.message);
      console.error(USAGE);
      process.exitCode = 2;
      return;
    }
    console.error(`核验未完成 Verification could not be completed: ${(e as Error).message}`);
    process.exitCode = 1;
  },
);
