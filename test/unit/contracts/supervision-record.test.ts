/**
 * The published draw record's schema: every record `drawPlan` returns parses after a JSON round trip and still
 * verifies; a malformed record is refused with `INVALID_FIELDS` naming the fields; a record whose shape is fine but
 * whose contents were tampered with parses, and `verifyDraw` names the difference (the schema never re-checks the draw).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DRAW_RECORD_LIMITS,
  parseDrawRecord,
  SupervisionDrawRecord,
} from '../../../lambdas/contracts/supervision-record';
import { type DrawRecord, drawPlan } from '../../../lambdas/domain/supervision/draw';
import { verifyDraw } from '../../../lambdas/domain/supervision/verify-draw';
import { manyEnterprises, manyInspectors, VECTOR_ENTROPY, VECTOR_SECRET } from '../../support/supervision';
import { issuesOf } from '../../support/thrown';

/** A published record as a verifier downloads it: plain JSON. */
const publishedJson = (): Record<string, unknown> =>
  JSON.parse(
    JSON.stringify(
      drawPlan({
        planId: 'PLAN-2026-07',
        rules: { sample: { kind: 'ratio', basisPoints: 2500 }, inspectorsPerCheck: 2, excludeOwnDistrict: true },
        enterprises: manyEnterprises(40),
        inspectors: manyInspectors(12, 3),
        secret: VECTOR_SECRET,
        entropy: VECTOR_ENTROPY,
      }),
    ),
  ) as Record<string, unknown>;

describe('parseDrawRecord', () => {
  it('parses a published record unchanged, and the parsed record verifies', () => {
    // Prepare
    const json = publishedJson();

    // Act
    const record = parseDrawRecord(json);

    // Assess
    expect(record).toEqual(json);
    expect(verifyDraw(record)).toEqual({ match: true });
  });

  it('refuses a value that is not a record, naming the root', () => {
    // Act / Assess
    expect(issuesOf(() => parseDrawRecord('a string'))).toEqual({ code: 'INVALID_FIELDS', fields: ['(root)'] });
    expect(issuesOf(() => parseDrawRecord(null))).toEqual({ code: 'INVALID_FIELDS', fields: ['(root)'] });
  });

  it('names each malformed field by its path: missing, wrong type, unknown outcome, unknown key', () => {
    // Prepare
    const json = publishedJson();
    const steps = json.steps as Record<string, unknown>[];
    const malformed = {
      ...json,
      secret: undefined,
      sampleSize: '10',
      steps: [{ ...steps[0], outcome: 'maybe' }, { ...steps[1], position: 1.5 }, ...steps.slice(2)],
      inspectors: [{ ...(json.inspectors as object[])[0], email: 'x@example.cn' }],
      signedBy: 'someone',
    };

    // Act
    const thrown = issuesOf(() => parseDrawRecord(malformed));

    // Assess
    expect(thrown.code).toBe('INVALID_FIELDS');
    expect(thrown.fields.sort()).toEqual(
      ['inspectors.0.email', 'sampleSize', 'secret', 'signedBy', 'steps.0.outcome', 'steps.1.position'].sort(),
    );
  });

  it('refuses another format and lists beyond the limits', () => {
    // Prepare
    const json = publishedJson();
    const enterprise = (json.enterprises as object[])[0];
    const tooMany = Array.from({ length: DRAW_RECORD_LIMITS.enterprises + 1 }, () => enterprise);

    // Act / Assess
    expect(issuesOf(() => parseDrawRecord({ ...json, format: 'permit-supervision-draw/2' })).fields).toEqual([
      'format',
    ]);
    expect(issuesOf(() => parseDrawRecord({ ...json, enterprises: tooMany })).fields).toEqual(['enterprises']);
    expect(issuesOf(() => parseDrawRecord({ ...json, planId: 'P'.repeat(201) })).fields).toEqual(['planId']);
  });

  it('parses a record whose contents were tampered with, and verifyDraw reports the difference', () => {
    // Prepare: the shape is a record's; the values are not the draw's
    const json = publishedJson();
    const tampered: [Record<string, unknown>, string][] = [
      [{ ...json, secret: 'not hex' }, 'secret'],
      [{ ...json, entropy: { ...(json.entropy as object), value: '12ab' } }, 'entropy.value'],
      [{ ...json, enterprises: (json.enterprises as object[]).slice(1) }, 'enterpriseDigest'],
      [{ ...json, rules: { ...(json.rules as object), inspectorsPerCheck: 1 } }, 'rules.inspectorsPerCheck'],
      [{ ...json, shortfall: 2 }, 'shortfall'],
    ];

    // Act
    const verdicts = tampered.map(([record]) => verifyDraw(parseDrawRecord(record)));

    // Assess
    verdicts.forEach((verdict, i) => {
      expect(verdict).toMatchObject({ match: false, difference: { field: tampered[i]?.[1] } });
    });
  });

  it('is registered for the OpenAPI document as SupervisionDrawRecord, strict and without transforms', () => {
    // Act: as lambdas/shared/openapi.ts converts it
    const jsonSchema = z.toJSONSchema(SupervisionDrawRecord, { target: 'draft-2020-12', io: 'output' }) as {
      $defs: Record<string, { additionalProperties?: boolean }>;
    };

    // Assess
    expect(z.globalRegistry.get(SupervisionDrawRecord)?.id).toBe('SupervisionDrawRecord');
    expect(jsonSchema.$defs.SupervisionDrawRecord?.additionalProperties).toBe(false);
  });

  it('returns the domain type (a compile-time check that the two agree)', () => {
    // Act
    const record: DrawRecord = parseDrawRecord(publishedJson());

    // Assess
    expect(record.format).toBe('permit-supervision-draw/1');
  });
});
