/**
 * Measure what compressing the verification answers would save, and record it in cost/measured.json (its
 * `compression` section; `npm run cost` reads it for the compression change, docs/cost.md).
 *
 *   npm run cost:compression            # measure and write cost/measured.json's "compression"
 *   npm run cost:compression -- --print # measure and print only
 *
 * The bodies are rendered by the real presenters (`bin/cost-bodies.ts`); each is compressed 500 times per codec and
 * the median time kept. Exit codes: 0 done; 2 usage.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODECS, type Codec, compress, sampleBodies } from './cost-bodies';
import type { CompressionFigures } from './cost-model';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 500;

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

function main(args: readonly string[]): number {
  if (args.some((a) => a !== '--print')) {
    console.error('usage: npm run cost:compression -- [--print]');
    return 2;
  }
  const bodies = sampleBodies();
  const codecs = Object.fromEntries(
    (Object.keys(CODECS) as Codec[]).map((codec) => {
      const page = compress(bodies.page, codec, RUNS);
      const json = compress(bodies.json, codec, RUNS);
      const round = (n: number) => Math.round(n * 10_000) / 10_000;
      return [
        codec,
        {
          page: { compressedBytes: page.compressedBytes, ratio: round(page.ratio), medianMs: round(page.medianMs) },
          json: { compressedBytes: json.compressedBytes, ratio: round(json.ratio), medianMs: round(json.medianMs) },
        },
      ];
    }),
  ) as CompressionFigures['codecs'];
  const figures: CompressionFigures = {
    measuredAt: new Date().toISOString(),
    commit: commit(),
    from: `bin/cost-bodies.ts: sampleBodies() (the valid example result with a log inclusion, rendered by resultResponse), node:zlib, median of ${RUNS} runs per body`,
    bodies: { page: bodies.page.byteLength, json: bodies.json.byteLength },
    codecs,
  };
  if (args.includes('--print')) {
    console.log(JSON.stringify(figures, null, 2));
    return 0;
  }
  const file = join(ROOT, 'cost/measured.json');
  const measured = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, `${JSON.stringify({ ...measured, compression: figures }, null, 2)}\n`);
  console.error(`wrote the compression figures to ${file}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
