import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hasValidOrganisationCode,
  isUscc,
  parseUscc,
  USCC_ALPHABET,
  usccCheckCharacter,
  usccParts,
  usccWithCheck,
} from '../../../lambdas/domain/uscc';
import { arbUscc, arbUsccBody } from '../../support/arbitraries';
import { codeOf } from '../../support/thrown';

describe('parseUscc', () => {
  it('accepts the GB 32100-2015 example and real enterprises', () => {
    // Prepare: the standard's example, Huawei, Sinopec
    const codes = ['91350100M000100Y43', '914403001922038216', '91110000100018267J'];

    // Act / Assess
    for (const code of codes) expect(parseUscc(code)).toBe(code);
  });

  it('trims and upper-cases input', () => {
    expect(parseUscc('  91350100m000100y43\t')).toBe('91350100M000100Y43');
  });

  it('normalises full-width digits and letters (NFKC), as a Chinese IME types them', () => {
    // Act / Assess
    expect(parseUscc('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
    expect(parseUscc('　９１３５０１００ｍ０００１００ｙ４３　')).toBe('91350100M000100Y43');
    expect(codeOf(() => parseUscc('９１３５０１００Ｍ０００１００Ｙ４４'))).toBe('USCC_CHECK_CHARACTER');
  });

  it('refuses a wrong length with USCC_LENGTH', () => {
    expect(codeOf(() => parseUscc('91350100M000100Y4'))).toBe('USCC_LENGTH');
    expect(codeOf(() => parseUscc('91350100M000100Y433'))).toBe('USCC_LENGTH');
    expect(codeOf(() => parseUscc(''))).toBe('USCC_LENGTH');
  });

  it('refuses I, O, S, V, Z and letters in the division code with USCC_CHARACTER naming the position', () => {
    // Act
    let message = '';
    try {
      parseUscc('91350100M0001O0Y43');
    } catch (e) {
      message = (e as { details: { issues: { message: string }[] } }).details.issues[0]?.message ?? '';
    }

    // Assess
    expect(message).toContain('position 14');
    for (const bad of ['I', 'O', 'S', 'V', 'Z']) {
      expect(codeOf(() => parseUscc(`91350100M000100${bad}43`))).toBe('USCC_CHARACTER');
    }
    expect(codeOf(() => parseUscc(usccCheckLess('913501A0M000100Y4')))).toBe('USCC_CHARACTER');
  });

  it('refuses a wrong check character with USCC_CHECK_CHARACTER naming the expected one', () => {
    // Act
    let message = '';
    try {
      parseUscc('91350100M000100Y44', 'enterprise.uscc');
    } catch (e) {
      const issue = (e as { details: { issues: { field: string; message: string }[] } }).details.issues[0];
      message = `${issue?.field}: ${issue?.message}`;
    }

    // Assess
    expect(message).toBe('enterprise.uscc: check character is "4", expected "3"');
  });

  it('check character 31 wraps to 0', () => {
    // Prepare: find a body whose weighted sum is divisible by 31
    const body = fc.sample(arbUsccBody(), 5000).find((b) => usccCheckCharacter(b) === '0');

    // Assess
    expect(body).toBeDefined();
    expect(parseUscc(`${body}0`)).toBe(`${body}0`);
  });
});

/** 17 characters plus any final character, so the check is not what fails. */
function usccCheckLess(first17: string): string {
  return `${first17}0`;
}

describe('properties', () => {
  it('every generated code is valid and round-trips through lower case', () => {
    fc.assert(
      fc.property(arbUscc(), (uscc) => {
        expect(isUscc(uscc)).toBe(true);
        expect(parseUscc(uscc.toLowerCase())).toBe(uscc);
      }),
    );
  });

  it('changing any one character is detected', () => {
    fc.assert(
      fc.property(arbUscc(), fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (uscc, at, shift) => {
        const original = USCC_ALPHABET.indexOf(uscc[at] ?? '');
        const replacement = USCC_ALPHABET[(original + shift) % 31] ?? '';
        const changed = uscc.slice(0, at) + replacement + uscc.slice(at + 1);
        expect(isUscc(changed)).toBe(false);
      }),
    );
  });

  it('swapping two different adjacent characters is detected', () => {
    fc.assert(
      fc.property(arbUscc(), fc.integer({ min: 0, max: 16 }), (uscc, at) => {
        fc.pre(uscc[at] !== uscc[at + 1]);
        const swapped = uscc.slice(0, at) + uscc[at + 1] + uscc[at] + uscc.slice(at + 2);
        expect(isUscc(swapped)).toBe(false);
      }),
    );
  });
});

describe('helpers', () => {
  it('usccWithCheck completes a body', () => {
    expect(usccWithCheck('91350100M000100Y4')).toBe('91350100M000100Y43');
    expect(usccCheckCharacter('91440300192203821')).toBe('6');
  });

  it('usccParts splits a code', () => {
    expect(usccParts(parseUscc('91350100M000100Y43'))).toEqual({
      registrationAuthority: '9',
      organisationType: '1',
      divisionCode: '350100',
      organisationCode: 'M000100Y4',
      checkCharacter: '3',
    });
  });

  it('checks the GB 11714 organisation code separately, without enforcing it', () => {
    // Prepare: a body whose organisation code check (position 17) is wrong but whose USCC check is right
    const broken = usccWithCheck('91350100M000100Y5');

    // Assess
    expect(hasValidOrganisationCode(parseUscc('91350100M000100Y43'))).toBe(true);
    expect(hasValidOrganisationCode(parseUscc('914403001922038216'))).toBe(true);
    expect(hasValidOrganisationCode(broken)).toBe(false);
    expect(isUscc(broken)).toBe(true);
  });
});
