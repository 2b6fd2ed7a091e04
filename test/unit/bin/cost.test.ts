/**
 * `npm run cost` as a process: the committed snapshot and price lists print both costs per region with their terms,
 * the dominant term, the reads at the modelled rate and both modelled changes (exit 0); `--page-share` sets the mix; `--json` prints JSON; a price list without a source is refused
 * with a message naming the file and the price (exit 2).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'bin/cost.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm run cost', () => {
  it('prints both costs per region, their terms, the dominant term and the modelled change', () => {
    // Act
    const out = run();
    // Assess
    expect(out.status).toBe(0);
    for (const region of ['cn-north-1', 'cn-northwest-1', 'us-east-1']) expect(out.stdout).toContain(`## ${region}`);
    expect(out.stdout).toMatch(/^1,000,000 verifications: ¥/m);
    expect(out.stdout).toMatch(/^10,000 issuances: \$/m);
    expect(out.stdout).toContain('HTTP API requests');
    expect(out.stdout).toContain('KMS Sign (QR claims, PDF signature)');
    expect(out.stdout).toMatch(/^ {2}dominant: /m);
    expect(out.stdout).toMatch(/req\/s, before the HTTP API +: hit rate [\d.]+ %/);
    expect(out.stdout).toContain('assumptions:');
  });

  it('names the dominant verification term, prints the reads at the modelled rate and both changes with the one that cuts it', () => {
    // Act
    const out = run();
    // Assess
    expect(out.stdout).toMatch(/^the dominant verification term: data transfer out \(90\.0 % page, 10\.0 % JSON/m);
    expect(out.stdout).toMatch(/^register and log reads at 0\.386 req\/s .*status cache hit [\d.]+ % \(TTL 4 s\)/m);
    expect(out.stdout).toMatch(/^change 1: the answers compressed in the function \(brotli-5/m);
    expect(out.stdout).toMatch(/^change 2: the verification answers cached at the edge/m);
    expect(out.stdout).toMatch(/at 1 million a month, change 1 \(compression, brotli-5\) cuts the dominant term most/);
  });

  it('models another page/JSON mix with --page-share, and refuses a share outside 0..1', () => {
    // Act
    const json = run('--page-share', '0', '--json');
    const wrong = run('--page-share', '2');
    // Assess: all JSON — the transfer term is the JSON's
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      assumptions: { pageShare: number };
      regions: { verifications: { terms: { price: string; quantity: number }[] } }[];
    };
    expect(parsed.assumptions.pageShare).toBe(0);
    const transfer = parsed.regions[0]?.verifications.terms.find((t) => t.price === 'dataTransferOutGb');
    // The JSON answer's measured size in the committed snapshot, plus 400 B of headers, a million times.
    const snapshot = JSON.parse(readFileSync(join(ROOT, 'cost/measured.json'), 'utf8')) as {
      figures: { verifyJsonBytes: { value: number } };
    };
    const jsonBytes = snapshot.figures.verifyJsonBytes.value;
    expect(transfer?.quantity).toBeCloseTo((1_000_000 * (jsonBytes + 400)) / 1024 ** 3, 9);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--page-share');
  });

  it('prints JSON with --json', () => {
    // Act
    const out = run('--json');
    // Assess
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout) as { regions: { verifications: { total: number } }[] };
    expect(json.regions).toHaveLength(3);
    expect(json.regions[0]?.verifications.total).toBeGreaterThan(0);
  });

  it('refuses a price list with a price that has no source (exit 2, the file and the price named)', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'permit-cost-'));
    dirs.push(dir);
    cpSync(join(ROOT, 'cost/prices'), dir, { recursive: true });
    const file = join(dir, 'us-east-1.json');
    const list = JSON.parse(readFileSync(file, 'utf8'));
    delete list.prices.httpApiRequest.source;
    writeFileSync(file, JSON.stringify(list));
    // Act
    const out = run('--prices', dir);
    // Assess
    expect(out.status).toBe(2);
    expect(out.stderr).toContain(`${file}: price "httpApiRequest" has no "source"`);
    expect(out.stdout).toBe('');
  });

  it('answers an unknown argument with its usage (exit 2)', () => {
    // Act
    const out = run('--fast');
    // Assess
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('usage: npm run cost');
  });
});
