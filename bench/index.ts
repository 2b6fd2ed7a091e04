/**
 * Benchmark runner: `npm run bench` runs every module in `bench/` (each file whose default export is a
 * `BenchModule`, see `harness.ts`; a module's name is its file name); `npm run bench -- certificate-render other`
 * runs the named ones. Each module runs in a process of its own — memory figures are not inflated by other modules,
 * and each may start its own local runtime. Prints one table per module; exits non-zero if a target was missed.
 * Each module's rows are also written as JSON to `.permit/bench/<module>.json` (with the time and the commit), which
 * `npm run cost -- --measured .permit/bench` reads (docs/cost.md).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, BenchRow } from './harness';

const dir = fileURLToPath(new URL('.', import.meta.url));
const NOT_MODULES = new Set(['index.ts', 'harness.ts', 'queue-harness.ts']);
const OUT = fileURLToPath(new URL('../.permit/bench/', import.meta.url));

/** The commit the bench ran at (with `+dirty` when the tree has changes), or `unknown` outside git. */
function commit(): string {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' });
  if (head.status !== 0) return 'unknown';
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout.trim();
  return `${head.stdout.trim()}${dirty ? '+dirty' : ''}`;
}

/** A module's rows as JSON beside the printed table: `.permit/bench/<module>.json`. */
function writeRows(module: string, rows: readonly BenchRow[]): void {
  mkdirSync(OUT, { recursive: true });
  const measuredAt = new Date().toISOString();
  writeFileSync(`${OUT}${module}.json`, `${JSON.stringify({ module, measuredAt, commit: commit(), rows }, null, 2)}\n`);
}

function printTable(rows: readonly BenchRow[]): void {
  const cells = rows.map((r) => [
    r.metric,
    `${r.value}${r.unit ? ` ${r.unit}` : ''}`,
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'ok' : 'MISSED',
  ]);
  const header = ['metric', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

async function main(selected: readonly string[]): Promise<number> {
  const available = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !NOT_MODULES.has(f) && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
  const unknown = selected.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
    return 2;
  }
  const names = selected.length > 0 ? selected : available;
  if (names.length > 1) {
    let failed = 0;
    for (const name of names) {
      const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], {
        stdio: 'inherit',
      });
      if (child.status !== 0) failed++;
    }
    return failed > 0 ? 1 : 0;
  }
  const modules: BenchModule[] = [];
  for (const name of names) {
    const mod = (await import(pathToFileURL(`${dir}${name}.ts`).href)) as { default?: BenchModule };
    if (mod.default?.run) modules.push(mod.default);
  }
  let missed = 0;
  for (const m of modules) {
    console.log(`\n## ${m.name} — ${m.description}\n`);
    const rows = await m.run();
    printTable(rows);
    writeRows(m.name, rows);
    missed += rows.filter((r) => r.pass === false).length;
  }
  return missed > 0 ? 1 : 0;
}

main(process.argv.slice(2).filter((a) => !a.startsWith('-'))).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
