/**
 * Verify a certificate from the command line.
 *
 *   npm run verify -- <QR text | Base32 payload | PDF file>                 # online: asks the QR's own address
 *   npm run verify -- <QR text | PDF file> --url https://permit.example     # online: POST <url>/v1/verify
 *   npm run verify -- <QR text | PDF file | compact JWS> --offline --jwks jwks.json   # no network at all
 *   … --json                                                                # the result as JSON
 *
 * Offline checks the format, the signature against the saved JWKS (`npm run keys -- jwks`, or
 * `GET /.well-known/jwks.json`) and the signed validity dates; it cannot check the register, so it never says valid:
 * a genuine certificate answers "cannot confirm — status was not checked offline".
 *
 * Exit codes: 0 valid; 1 anything else (invalid, revoked, suspended, cancelled, expired, cannot confirm, or the
 * service could not be asked); 2 usage error.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { verifyOffline } from '../lambdas/domain/verification/offline';
import {
  CHECK_LABELS,
  OUTCOME_LABELS,
  VERDICT_LABELS,
  type VerificationResult,
} from '../lambdas/domain/verification/result';
import { VerificationResultBody } from '../lambdas/domain/verification/schema';

const USAGE = `usage: npm run verify -- <QR text | payload | PDF file> [--url <base URL>] [--json]
       npm run verify -- <QR text | payload | PDF file | compact JWS> --offline --jwks <JWKS file> [--json]`;

const ICONS = { pass: '✓', fail: '✕', unavailable: '?', skipped: '–' } as const;
const MAX_PDF_BYTES = 2 * 1024 * 1024;

class UsageError extends Error {}

interface Options {
  readonly input: string;
  readonly offline: boolean;
  readonly jwks?: string;
  readonly url?: string;
  readonly json: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const positional: string[] = [];
  let offline = false;
  let json = false;
  let jwks: string | undefined;
  let url: string | undefined;
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
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new UsageError('give exactly one QR text, payload, JWS or PDF file');
  if (offline && !jwks) throw new UsageError('--offline needs --jwks <file> (save it with `npm run keys -- jwks`)');
  if (!offline && jwks) throw new UsageError('--jwks is only used with --offline');
  if (offline && url) throw new UsageError('--url and --offline exclude each other');
  if (url && !/^https?:\/\/\S+$/.test(url)) throw new UsageError(`--url must be an http(s) URL, got ${url}`);
  return { input: positional[0] as string, offline, json, ...(jwks ? { jwks } : {}), ...(url ? { url } : {}) };
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
      const outcome = OUTCOME_LABELS[c.outcome];
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

async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv);
  const input = readInput(options.input);
  const result = options.offline
    ? await verifyOffline(input, readJwks(options.jwks as string), { now: new Date() })
    : await verifyOnline(input, options.url);
  // Online without --url, the QR's own host answered: show it (the base URL is not covered by the signature).
  const asked = options.url ?? (typeof input === 'string' ? new URL(input.trim()).origin : '');
  const where = options.offline ? `offline, ${options.jwks}` : `online, answered by ${asked}`;
  console.log(options.json ? JSON.stringify(result, null, 2) : describe(result, where));
  return result.verdict === 'valid' ? 0 : 1;
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
