/**
 * The bodies the compression change is measured on are the real answers (the presenters' page and JSON, about the
 * bench's sizes), and the ratios recorded in cost/measured.json are what the codecs give on them today (the codecs
 * are deterministic: re-run `npm run cost:compression` after changing the page).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CODECS, type Codec, compress, sampleBodies } from '../../../bin/cost-bodies';
import { parseMeasured } from '../../../bin/cost-model';

const FILE = fileURLToPath(new URL('../../../cost/measured.json', import.meta.url));

describe('sampleBodies', () => {
  it('renders the page and the JSON answer with a log inclusion, near the sizes the bench measured', () => {
    // Act
    const { page, json } = sampleBodies();
    const measured = parseMeasured(JSON.parse(readFileSync(FILE, 'utf8')), FILE);
    // Assess
    expect(page.toString('utf8')).toMatch(/^<!doctype html>/i);
    expect(JSON.parse(json.toString('utf8')).log.state).toBe('included');
    expect(page.byteLength / measured.figures.verifyPageBytes.value).toBeGreaterThan(0.9);
    expect(page.byteLength / measured.figures.verifyPageBytes.value).toBeLessThan(1.1);
    expect(json.byteLength).toBeGreaterThan(measured.figures.verifyJsonBytes.value * 0.9);
  });
});

describe('cost/measured.json compression', () => {
  it('records the ratios the codecs give on the bodies today', () => {
    // Prepare
    const measured = parseMeasured(JSON.parse(readFileSync(FILE, 'utf8')), FILE);
    const { page, json } = sampleBodies();
    // Act + Assess
    expect(measured.compression?.bodies).toEqual({ page: page.byteLength, json: json.byteLength });
    for (const codec of Object.keys(CODECS) as Codec[]) {
      const recorded = measured.compression?.codecs[codec];
      expect(recorded?.page.compressedBytes).toBe(compress(page, codec, 0).compressedBytes);
      expect(recorded?.json.compressedBytes).toBe(compress(json, codec, 0).compressedBytes);
    }
  });

  it('compresses the page far better than the JSON (the JSON is mostly hashes)', () => {
    // Act
    const { page, json } = sampleBodies();
    const p = compress(page, 'brotli-5', 0);
    const j = compress(json, 'brotli-5', 0);
    // Assess
    expect(p.ratio).toBeLessThan(0.35);
    expect(j.ratio).toBeGreaterThan(p.ratio);
  });
});
