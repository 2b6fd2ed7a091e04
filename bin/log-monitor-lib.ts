/**
 * The testable part of `npm run log -- monitor` (`bin/log.ts` only wires it to the process): an independent monitor of
 * the public transparency log (`docs/transparency-log.md`, "Monitoring the log"). One run:
 *
 * 1. takes the trusted key — `--key` (text or a file holding it), else the one remembered in the state file, else
 *    the log's own `/.well-known/transparency-log-key` (trust on first use, said so, and remembered);
 * 2. fetches `/log/checkpoint` and opens it with that key (origin = the key's name);
 * 3. fetches every tile and entry bundle of that size (8 at a time) and recomputes everything with `verifyTiles`,
 *    naming the tile or bundle that differs, and decodes every entry;
 * 4. compares the checkpoint with the last one it accepted (`checkLogGrowth`: fork, rollback, rewritten history);
 * 5. only when all of that holds, remembers the new checkpoint in the state file.
 *
 * Exit codes: 0 consistent; 1 a problem found (fork, rollback, rewrite, a tampered or missing tile or bundle, a
 * malformed entry, a bad signature); 2 usage error, or the run could not complete (the service unreachable, an
 * unreadable state file) — a message, never a stack trace.
 */
import { isPermitError, PermitError, UnprocessableError } from '../lambdas/domain/errors';
import { type Checkpoint, type NoteVerifier, openCheckpoint } from '../lambdas/domain/transparency/checkpoint';
import { decodeEntry, type LogEntry } from '../lambdas/domain/transparency/entries';
import { HASH_SIZE, leafHash, rootOf } from '../lambdas/domain/transparency/merkle';
import { checkLogGrowth, type TreeHead } from '../lambdas/domain/transparency/monitor';
import {
  decodeEntryBundle,
  entryBundlePath,
  parseTilePath,
  TILE_WIDTH,
  type TileCoordinates,
  tilePath,
  tilesForTreeSize,
  verifyTiles,
} from '../lambdas/domain/transparency/tiles';
import { noteVerifierFromKey } from '../lambdas/domain/transparency/verifier';

/**
 * What the command says when its arguments are wrong.
 *
 * @example
 * io.err(LOG_USAGE);
 */
export const LOG_USAGE =
  'usage: npm run log -- monitor --url <base URL> [--key <verifier key text or file>] [--state <file>] [--json]';

/** Where the monitor remembers what it accepted, when `--state` is not given. */
export const DEFAULT_STATE_FILE = 'log-monitor-state.json';

const STATE_FORMAT = 'permit-log-monitor/1';
const CONCURRENCY = 8;
const TIMEOUT_MS = 30_000;

/**
 * A reason to stop before any finding (bad arguments, an unreachable service, an unreadable state file): exit code 2
 * and the message alone.
 *
 * @example
 * throw new MonitorStop('--url needs a value');
 */
export class MonitorStop extends Error {
  override readonly name = 'MonitorStop';
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
  }
}

/**
 * Where {@link runLogCommand} reads and writes; the command passes the real ones, tests their own.
 *
 * @example
 * const io: LogIo = { fetch, readText, writeText, exists, out: console.log, err: console.error, now: () => new Date() };
 */
export interface LogIo {
  readonly fetch: (url: string, init: { signal: AbortSignal }) => Promise<Response>;
  /** A file's text, or `undefined` when there is no such file. */
  readonly readText: (path: string) => Promise<string | undefined>;
  readonly writeText: (path: string, text: string) => Promise<void>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly now: () => Date;
}

/**
 * What the monitor remembers between runs: the trusted key and the last checkpoint it accepted.
 *
 * @example
 * const state: MonitorState = { format: 'permit-log-monitor/1', url, key, treeSize: 8, root, checkpoint, checkedAt };
 */
export interface MonitorState {
  readonly format: typeof STATE_FORMAT;
  readonly url: string;
  readonly key: string;
  readonly treeSize: number;
  /** The accepted root, base64. */
  readonly root: string;
  /** The accepted signed checkpoint as the log served it. */
  readonly checkpoint: string;
  readonly checkedAt: string;
}

/**
 * What a problem is, for people: `FORK`, `ROLLBACK`, `REWRITE`, `TAMPERED` (a tile or bundle that differs), `MISSING`
 * (a tile or bundle the size needs), `MALFORMED_ENTRY`, `BAD_CHECKPOINT` (the checkpoint is not signed by the trusted
 * key, or not a checkpoint of this log).
 *
 * @example
 * const kind: ProblemKind = 'FORK';
 */
export type ProblemKind =
  | 'FORK'
  | 'ROLLBACK'
  | 'REWRITE'
  | 'TAMPERED'
  | 'MISSING'
  | 'MALFORMED_ENTRY'
  | 'BAD_CHECKPOINT';

/**
 * The report of one run (`--json` prints it as is).
 *
 * @example
 * if (!report.ok) console.log(report.problem.kind, report.problem.path);
 */
export interface MonitorReport {
  readonly ok: boolean;
  readonly url: string;
  readonly origin?: string;
  readonly key: string;
  /** The key was fetched from the log itself on this run (trust on first use) and remembered. */
  readonly trustedOnFirstUse: boolean;
  readonly treeSize?: number;
  readonly root?: string;
  readonly previous?: { readonly treeSize: number; readonly root: string };
  /** Entries added since the previous accepted checkpoint (all of them on the first run), by type. */
  readonly newEntries?: { readonly total: number; readonly byType: Readonly<Record<string, number>> };
  readonly resourcesChecked?: number;
  readonly problem?: {
    readonly kind: ProblemKind;
    readonly code: string;
    readonly message: string;
    readonly path?: string;
  };
}

interface Options {
  readonly url: string;
  readonly key?: string;
  readonly state: string;
  readonly json: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const args = argv.filter((a) => a !== '--');
  if (args[0] !== 'monitor') {
    throw new MonitorStop(args[0] === undefined ? 'give a command: monitor' : `unknown command ${args[0]}`, true);
  }
  let url: string | undefined;
  let key: string | undefined;
  let state = DEFAULT_STATE_FILE;
  let json = false;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i] as string;
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) throw new MonitorStop(`${arg} needs a value`, true);
      return next;
    };
    if (arg === '--url') url = value().replace(/\/+$/, '');
    else if (arg === '--key') key = value();
    else if (arg === '--state') state = value();
    else if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') throw new MonitorStop('', true);
    else throw new MonitorStop(`unknown option ${arg}`, true);
  }
  if (!url) throw new MonitorStop('--url <base URL> is required', true);
  if (!/^https?:\/\/\S+$/.test(url)) throw new MonitorStop(`--url must be an http(s) URL, got ${url}`, true);
  return { url, state, json, ...(key ? { key } : {}) };
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

async function readState(path: string, io: LogIo): Promise<MonitorState | undefined> {
  let text: string | undefined;
  try {
    text = await io.readText(path);
  } catch (error) {
    throw new MonitorStop(`cannot read the state file ${path}: ${(error as Error).message}`);
  }
  if (text === undefined) return undefined;
  let json: Partial<MonitorState>;
  try {
    json = JSON.parse(text) as Partial<MonitorState>;
  } catch {
    throw new MonitorStop(`the state file ${path} is not JSON`);
  }
  const root = typeof json.root === 'string' ? Buffer.from(json.root, 'base64') : undefined;
  if (
    json?.format !== STATE_FORMAT ||
    typeof json.key !== 'string' ||
    !Number.isSafeInteger(json.treeSize) ||
    (json.treeSize as number) < 0 ||
    root?.length !== HASH_SIZE
  ) {
    throw new MonitorStop(`the state file ${path} is not a ${STATE_FORMAT} state (key, treeSize, root)`);
  }
  return json as MonitorState;
}

/** GET a resource of the service: its bytes, or `undefined` for a 404; unreachable or another status stops the run. */
async function get(url: string, io: LogIo): Promise<Uint8Array | undefined> {
  let response: Response;
  try {
    response = await io.fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new MonitorStop(
      `cannot reach the log: GET ${url} failed (${cause?.code ?? cause?.message ?? (error as Error).message})`,
    );
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new MonitorStop(`GET ${url} answered ${response.status} ${response.statusText}`.trimEnd());
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * The log's resources within one run, fetched at most once each and {@link CONCURRENCY} at a time. Full tiles and
 * bundles never change, so they are kept for the whole run (in memory only); the checkpoint is never cached.
 */
class LogResources {
  private readonly fetched = new Map<string, Uint8Array | undefined>();
  constructor(
    private readonly url: string,
    private readonly io: LogIo,
  ) {}

  async fetchAll(paths: readonly string[]): Promise<void> {
    const queue = paths.filter((p) => !this.fetched.has(p));
    const worker = async () => {
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        this.fetched.set(path, await get(`${this.url}/log/${path}`, this.io));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  }

  /** A fetched resource; a tile of the wrong length is `TLOG_TILE_INVALID` naming it. */
  get(path: string): Uint8Array | undefined {
    const bytes = this.fetched.get(path);
    const coords = parseTilePath(path);
    if (bytes && coords?.kind === 'tile' && bytes.length !== coords.width * HASH_SIZE) {
      throw new UnprocessableError(
        'TLOG_TILE_INVALID',
        `${path} is ${bytes.length} bytes, not ${coords.width} hashes`,
        {
          path,
        },
      );
    }
    return bytes;
  }

  get count(): number {
    return this.fetched.size;
  }
}

/** Every resource of a tree: each tile, and for level 0 also its entry bundle. */
function resourcesOf(treeSize: number): string[] {
  return tilesForTreeSize(treeSize).flatMap((t) => (t.level === 0 ? [tilePath(t), entryBundlePath(t)] : [tilePath(t)]));
}

/**
 * After `verifyTiles` failed: which one of a level-0 tile and its bundle is wrong. `verifyTiles` checks the bundles
 * against the tiles, so a changed leaf tile shows as its (honest) bundle not hashing to it; here the signed root
 * decides — the side whose leaves hash to it is the honest one. Undefined when this cannot tell.
 */
function blameLevelZero(
  treeSize: number,
  root: Uint8Array,
  resources: LogResources,
): { path: string; code: 'TLOG_TILE_INVALID' | 'TLOG_BUNDLE_INVALID'; message: string } | undefined {
  const levelZero = tilesForTreeSize(treeSize).filter((t) => t.level === 0);
  const fromTiles: Uint8Array[][] = [];
  const fromBundles: (Uint8Array[] | undefined)[] = [];
  for (const t of levelZero) {
    const tile = resources.get(tilePath(t));
    if (!tile) return undefined;
    fromTiles.push(Array.from({ length: t.width }, (_, i) => tile.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)));
    const bundle = resources.get(entryBundlePath(t));
    let leaves: Uint8Array[] | undefined;
    try {
      leaves = bundle ? decodeEntryBundle(bundle).map(leafHash) : undefined;
    } catch {
      leaves = undefined; // truncated: blamed below
    }
    fromBundles.push(leaves?.length === t.width ? leaves : undefined);
  }
  const same = (a: Uint8Array[] | undefined, b: Uint8Array[]) =>
    a !== undefined &&
    a.length === b.length &&
    a.every((h, i) => Buffer.from(h).equals(Buffer.from(b[i] as Uint8Array)));
  const differing = levelZero.filter((_, i) => !same(fromBundles[i], fromTiles[i] as Uint8Array[]));
  const first = differing[0];
  if (!first) return undefined;
  const tilesHold = Buffer.from(rootOf(fromTiles.flat())).equals(Buffer.from(root));
  const bundlesHold =
    fromBundles.every((b) => b !== undefined) &&
    Buffer.from(rootOf((fromBundles as Uint8Array[][]).flat())).equals(Buffer.from(root));
  if (bundlesHold) {
    const path = tilePath(first);
    return { path, code: 'TLOG_TILE_INVALID', message: `${path} is not the leaf hashes of its entries` };
  }
  if (tilesHold) {
    const path = entryBundlePath(first);
    return { path, code: 'TLOG_BUNDLE_INVALID', message: `${path} does not hash to its tile` };
  }
  return undefined;
}

/** Every entry of the new tree decoded (`TLOG_ENTRY_MALFORMED` naming its bundle and index), counted from `since`. */
function decodeEntries(
  treeSize: number,
  since: number,
  resources: LogResources,
): { total: number; byType: Record<string, number> } {
  const byType: Record<string, number> = {};
  let total = 0;
  for (const t of tilesForTreeSize(treeSize).filter((c) => c.level === 0)) {
    const path = entryBundlePath(t);
    decodeEntryBundle(resources.get(path) as Uint8Array).forEach((bytes, i) => {
      const index = t.index * TILE_WIDTH + i;
      let entry: LogEntry;
      try {
        entry = decodeEntry(bytes);
      } catch (error) {
        if (!isPermitError(error)) throw error;
        throw new PermitError('TLOG_ENTRY_MALFORMED', `entry #${index} in ${path}: ${error.message}`, {
          path,
          index,
        });
      }
      if (index >= since) {
        byType[entry.type] = (byType[entry.type] ?? 0) + 1;
        total++;
      }
    });
  }
  return { total, byType };
}

const KIND_OF_CODE: Readonly<Record<string, ProblemKind>> = {
  TLOG_FORK: 'FORK',
  TLOG_ROLLBACK: 'ROLLBACK',
  TLOG_CONSISTENCY_PROOF_INVALID: 'REWRITE',
  TLOG_TILE_INVALID: 'TAMPERED',
  TLOG_BUNDLE_INVALID: 'TAMPERED',
  TLOG_TILE_MISSING: 'MISSING',
  TLOG_ENTRY_MALFORMED: 'MALFORMED_ENTRY',
};

/** A domain refusal as a finding (a problem of the log), or undefined for anything else. */
function problemOf(error: unknown): MonitorReport['problem'] | undefined {
  if (!isPermitError(error) || !error.code.startsWith('TLOG_')) return undefined;
  const path = typeof error.details.path === 'string' ? error.details.path : undefined;
  return {
    kind: KIND_OF_CODE[error.code] ?? 'BAD_CHECKPOINT',
    code: error.code,
    message: error.message,
    ...(path ? { path } : {}),
  };
}

/** The trusted key: `--key` (a file holding it, or the text), else the state's, else the log's own (first use). */
async function trustedKey(
  options: Options,
  state: MonitorState | undefined,
  io: LogIo,
): Promise<{ text: string; verifier: NoteVerifier; firstUse: boolean }> {
  const parse = (text: string, where: string) => {
    try {
      return noteVerifierFromKey(text);
    } catch (error) {
      if (!isPermitError(error)) throw error;
      throw new MonitorStop(`${where} is not a log verifier key (<name>+<key ID>+<base64>): ${error.message}`);
    }
  };
  if (options.key) {
    const fromFile = /^[^\s+]+\+[0-9a-f]{8}\+/.test(options.key) ? undefined : await io.readText(options.key);
    const text = (fromFile ?? options.key).trim();
    return { text, verifier: parse(text, fromFile ? options.key : '--key'), firstUse: false };
  }
  if (state) return { text: state.key, verifier: parse(state.key, `the key in ${options.state}`), firstUse: false };
  const url = `${options.url}/.well-known/transparency-log-key`;
  const bytes = await get(url, io);
  if (!bytes) throw new MonitorStop(`${url} answered 404: the log has published no key yet`);
  const text = new TextDecoder().decode(bytes).trim();
  return { text, verifier: parse(text, `the key at ${url}`), firstUse: true };
}

/**
 * One monitoring run: the report, and the state to remember when everything checked (nothing saved otherwise).
 *
 * @example
 * const { report } = await monitorLog({ url, state: 'state.json', json: false }, io);
 */
export async function monitorLog(
  options: { readonly url: string; readonly key?: string; readonly state: string },
  io: LogIo,
): Promise<MonitorReport> {
  const opts: Options = { ...options, json: false };
  const state = await readState(options.state, io);
  const key = await trustedKey(opts, state, io);
  const previous: TreeHead | undefined = state
    ? { treeSize: state.treeSize, root: new Uint8Array(Buffer.from(state.root, 'base64')) }
    : undefined;
  const base = {
    url: options.url,
    key: key.text,
    trustedOnFirstUse: key.firstUse,
    ...(previous ? { previous: { treeSize: previous.treeSize, root: base64(previous.root) } } : {}),
  };
  const noteBytes = await get(`${options.url}/log/checkpoint`, io);
  if (!noteBytes) throw new MonitorStop(`${options.url}/log/checkpoint answered 404: no checkpoint published yet`);
  const note = new TextDecoder().decode(noteBytes);
  let checkpoint: Checkpoint;
  try {
    checkpoint = openCheckpoint(note, key.verifier.name, [key.verifier]).checkpoint;
  } catch (error) {
    const problem = problemOf(error);
    if (!problem) throw error;
    return { ok: false, ...base, problem: { ...problem, kind: 'BAD_CHECKPOINT' } };
  }
  const head = { origin: checkpoint.origin, treeSize: checkpoint.treeSize, root: base64(checkpoint.root) };
  const resources = new LogResources(options.url, io);
  await resources.fetchAll(resourcesOf(checkpoint.treeSize));
  let newEntries: MonitorReport['newEntries'];
  try {
    try {
      verifyTiles(checkpoint.treeSize, checkpoint.root, (p) => resources.get(p), leafHash);
    } catch (error) {
      const code = isPermitError(error) ? error.code : undefined;
      const blamed =
        (code === 'TLOG_BUNDLE_INVALID' || code === 'TLOG_TILE_INVALID') &&
        blameLevelZero(checkpoint.treeSize, checkpoint.root, resources);
      if (blamed) throw new UnprocessableError(blamed.code, blamed.message, { path: blamed.path });
      throw error;
    }
    newEntries = decodeEntries(checkpoint.treeSize, Math.min(previous?.treeSize ?? 0, checkpoint.treeSize), resources);
    if (previous) checkLogGrowth(previous, checkpoint, (t: TileCoordinates) => resources.get(tilePath(t)));
  } catch (error) {
    const problem = problemOf(error);
    if (!problem) throw error;
    return { ok: false, ...base, ...head, resourcesChecked: resources.count, problem };
  }
  const next: MonitorState = {
    format: STATE_FORMAT,
    url: options.url,
    key: key.text,
    treeSize: checkpoint.treeSize,
    root: base64(checkpoint.root),
    checkpoint: note,
    checkedAt: io.now().toISOString(),
  };
  try {
    await io.writeText(options.state, `${JSON.stringify(next, null, 2)}\n`);
  } catch (error) {
    throw new MonitorStop(
      `the log is consistent, but the state file ${options.state} could not be written: ${(error as Error).message}`,
    );
  }
  return { ok: true, ...base, ...head, newEntries, resourcesChecked: resources.count };
}

/**
 * The report for people: a few lines (sizes, new entries by type, the key's provenance) and `OK — …` or
 * `PROBLEM <KIND> [<code>] <path>: <message>`.
 *
 * @example
 * describeReport(report); // 'log permit.example/log at http://…\n…\nOK — consistent with the checkpoint of size 8'
 */
export function describeReport(report: MonitorReport, stateFile: string): string {
  const lines = [`log ${report.origin ?? '?'} at ${report.url}`];
  lines.push(
    report.trustedOnFirstUse
      ? `key ${report.key} — TRUSTED ON FIRST USE: fetched from the log itself and saved in ${stateFile}; ` +
          'compare it with a copy you trust'
      : `key ${report.key}`,
  );
  if (report.treeSize !== undefined) {
    const was = report.previous ? ` (last accepted: ${report.previous.treeSize})` : ' (first run)';
    lines.push(`checkpoint: size ${report.treeSize}${was}, root ${report.root}`);
  }
  if (report.resourcesChecked !== undefined) lines.push(`fetched ${report.resourcesChecked} tiles and entry bundles`);
  if (report.newEntries) {
    const byType = Object.entries(report.newEntries.byType)
      .map(([type, n]) => `${n} ${type}`)
      .join(', ');
    lines.push(`new entries since last time: ${report.newEntries.total}${byType ? ` (${byType})` : ''}`);
  }
  if (report.ok) {
    lines.push(
      report.previous
        ? `OK — every tile and entry checks, consistent with the checkpoint of size ${report.previous.treeSize}`
        : 'OK — every tile and entry checks; checkpoint remembered',
    );
  } else if (report.problem) {
    const { kind, code, path, message } = report.problem;
    lines.push(`PROBLEM ${kind} [${code}]${path ? ` ${path}` : ''}: ${message}`);
  }
  return lines.join('\n');
}

/**
 * The whole command: arguments in, the report out, the exit code back (0 consistent, 1 a problem found, 2 usage or a
 * run that could not complete). Never throws.
 *
 * @example
 * process.exitCode = await runLogCommand(process.argv.slice(2), io);
 */
export async function runLogCommand(argv: readonly string[], io: LogIo): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof MonitorStop && error.message) io.err(error.message);
    io.err(LOG_USAGE);
    return 2;
  }
  try {
    const report = await monitorLog(options, io);
    io.out(options.json ? JSON.stringify(report, null, 2) : describeReport(report, options.state));
    return report.ok ? 0 : 1;
  } catch (error) {
    io.err(
      error instanceof MonitorStop
        ? error.message
        : `the log monitor could not complete: ${(error as Error)?.message ?? String(error)}`,
    );
    return 2;
  }
}
