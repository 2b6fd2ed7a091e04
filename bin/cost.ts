/**
 * What Permit costs: 1 million verifications and 10,000 issuances per region, term by term, the dominant term and one
 * modelled change (docs/cost.md; the model is `bin/cost-model.ts`).
 *
 *   npm run cost                                  # the committed snapshot cost/measured.json, every cost/prices/*.json
 *   npm run cost -- --json                        # the same as JSON
 *   npm run cost -- --measured .permit/bench      # fresh bench output (npm run bench -- verification issuance)
 *   npm run cost -- --measured .permit/bench --snapshot   # …and write it to cost/measured.json (keeps its compression)
 *   npm run cost -- --page-share 0.5              # half the verifications get the page, half JSON (default 0.9)
 *
 * Exit codes: 0 printed; 2 usage, or a price list or measured file that cannot be used (the message says which field).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { functions } from '../lambdas/functions';
import { DEFAULT_MEMORY_MB } from '../lib/constructs/permit-function';
import {
  type BenchFile,
  CostInputError,
  DEFAULT_ASSUMPTIONS,
  formatReport,
  type Measured,
  measuredFromBench,
  parseMeasured,
  parsePriceList,
  regionCost,
} from './cost-model';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE =
  'usage: npm run cost -- [--json] [--measured <bench dir | measured.json>] [--snapshot] [--prices <dir>] [--page-share <0..1>]';

const readJson = (file: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CostInputError(`${file}: cannot read it as JSON (${(e as Error).message})`);
  }
};

/** A bench directory (its verification.json and issuance.json) or a measured-figures file. */
function loadMeasured(path: string): Measured {
  if (!existsSync(path)) throw new CostInputError(`${path}: no such file or directory`);
  if (statSync(path).isDirectory()) {
    return measuredFromBench(
      readJson(join(path, 'verification.json')) as BenchFile,
      readJson(join(path, 'issuance.json')) as BenchFile,
    );
  }
  return parseMeasured(readJson(path), path);
}

const memoryOf = (name: string) => functions.find((f) => f.name === name)?.memoryMb ?? DEFAULT_MEMORY_MB;

function main(args: readonly string[]): number {
  const json = args.includes('--json');
  const snapshot = args.includes('--snapshot');
  const flagValue = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const valued = ['--measured', '--prices', '--page-share'];
  const known = new Set(['--json', '--snapshot', ...valued]);
  const stray = args.filter((a, i) => !known.has(a) && !valued.includes(args[i - 1] ?? ''));
  const shareText = flagValue('--page-share');
  const pageShare = shareText === undefined ? DEFAULT_ASSUMPTIONS.pageShare : Number(shareText);
  if (
    stray.length > 0 ||
    (args.includes('--measured') && !flagValue('--measured')) ||
    (args.includes('--page-share') && (shareText === undefined || !(pageShare >= 0 && pageShare <= 1))) ||
    (snapshot && !flagValue('--measured'))
  ) {
    console.error(USAGE);
    return 2;
  }
  try {
    const measuredPath = flagValue('--measured') ?? join(ROOT, 'cost/measured.json');
    const snapshotFile = join(ROOT, 'cost/measured.json');
    const loaded = loadMeasured(measuredPath);
    // The bench does not measure compression (npm run cost:compression does): keep the snapshot's.
    const kept = loaded.compression ?? (existsSync(snapshotFile) ? loadMeasured(snapshotFile).compression : undefined);
    const measured: Measured = kept ? { ...loaded, compression: kept } : loaded;
    const assumptions = { ...DEFAULT_ASSUMPTIONS, pageShare };
    if (snapshot) {
      writeFileSync(snapshotFile, `${JSON.stringify(measured, null, 2)}\n`);
      console.error(`wrote cost/measured.json from ${measuredPath}`);
    }
    const pricesDir = flagValue('--prices') ?? join(ROOT, 'cost/prices');
    const files = readdirSync(pricesDir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    if (files.length === 0) throw new CostInputError(`${pricesDir}: no price lists (*.json)`);
    const memory = {
      verify: memoryOf('verify'),
      issue: memoryOf('issue-certificate'),
      worker: memoryOf('dispatch-worker'),
    };
    const regions = files.map((f) =>
      regionCost(parsePriceList(readJson(join(pricesDir, f)), join(pricesDir, f)), measured, memory, assumptions),
    );
    if (json) {
      console.log(JSON.stringify({ measured, memory, assumptions, regions }, null, 2));
    } else {
      for (const line of formatReport(regions, measured, assumptions)) console.log(line);
    }
    return 0;
  } catch (e) {
    if (e instanceof CostInputError) {
      console.error(`cost: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
