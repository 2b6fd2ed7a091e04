/**
 * The certificates' one search box on the in-memory register: what is typed is read as exactly one kind of query —
 * empty (newest), a licence number (exact, in any written form), a USCC (exact) or a name prefix (normalised) — and
 * a malformed number or code is told against the box.
 */
import { describe, expect, test } from 'vitest';
import { findCertificates } from '../../../lambdas/use-cases/find-certificates';
import { enterpriseFor, FakeWorld, fakeReadDeps, issued, usccFor } from '../../support/fakes';

async function world3() {
  const world = new FakeWorld();
  const a = await issued(world, {
    seed: 1,
    change: { kind: 'licence', enterprise: enterpriseFor(1, { name: '湖北长江线缆有限公司' }), products: ['06-001'] },
  });
  const b = await issued(world, {
    seed: 2,
    change: { kind: 'licence', enterprise: enterpriseFor(2, { name: '湖北ABC电缆有限公司' }), products: ['06-001'] },
  });
  const c = await issued(world, {
    seed: 3,
    change: { kind: 'licence', enterprise: enterpriseFor(3, { name: '武汉钢绳有限公司' }), products: ['06-001'] },
  });
  return { world, deps: fakeReadDeps(world), a, b, c };
}

describe('findCertificates', () => {
  test('an empty box lists the newest certificates', async () => {
    // Prepare
    const { deps } = await world3();
    // Act
    const found = await findCertificates(deps, { q: '  ' });
    // Assess
    expect(found.kind).toBe('newest');
    expect(found.kind === 'newest' && found.page.items).toHaveLength(3);
  });

  test('a licence number in any written form is one exact licence; an unknown one exists not', async () => {
    const { deps, a } = await world3();
    const printed = a.certificate.licenceNumber.toString();
    const fullWidth = printed.replace(/[A-Z0-9()-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

    const byPrinted = await findCertificates(deps, { q: printed });
    const byUrlSafe = await findCertificates(deps, { q: a.certificate.licenceNumber.toUrlSafe() });
    const byFullWidth = await findCertificates(deps, { q: fullWidth });
    const unknown = await findCertificates(deps, { q: '(鄂)XK06-001-09999' });

    for (const found of [byPrinted, byUrlSafe, byFullWidth]) {
      expect(found).toMatchObject({ kind: 'licence', exists: true });
      expect(found.kind === 'licence' && found.licenceNo.toString()).toBe(printed);
    }
    expect(unknown).toMatchObject({ kind: 'licence', exists: false });
  });

  test('a malformed licence number is refused against the box, not searched as a name', async () => {
    const { deps } = await world3();
    const error = await findCertificates(deps, { q: '(鄂)XK06-001-123' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid', details: { issues: [{ field: 'query.q' }] } });
  });

  test('a USCC (any case, full-width) lists that enterprise’s certificates; a wrong check character is told', async () => {
    const { deps, b } = await world3();
    const uscc = usccFor(2);
    const found = await findCertificates(deps, { q: ` ${uscc.toLowerCase()} ` });
    const wrong = await findCertificates(deps, {
      q: `${uscc.slice(0, 17)}${uscc.endsWith('0') ? '1' : '0'}`,
    }).catch((e: unknown) => e);

    expect(found.kind).toBe('uscc');
    expect(found.kind === 'uscc' && found.page.items.map((i) => i.licenceNo.toString())).toEqual([
      b.certificate.licenceNumber.toString(),
    ]);
    expect(wrong).toMatchObject({ code: 'USCC_CHECK_CHARACTER', details: { issues: [{ field: 'query.q' }] } });
  });

  test('anything else is a name prefix, normalised (full-width, spaces, case)', async () => {
    const { deps, a, b } = await world3();
    const names = async (q: string) => {
      const found = await findCertificates(deps, { q });
      expect(found.kind).toBe('name');
      return found.kind === 'name' ? found.page.items.map((i) => i.enterpriseName) : [];
    };
    expect(await names('湖北')).toEqual([b.certificate.enterprise.name, a.certificate.enterprise.name]);
    expect(await names('湖北 ａｂｃ')).toEqual([b.certificate.enterprise.name]);
    expect(await names('湖 北 长江')).toEqual([a.certificate.enterprise.name]);
    expect(await names('上海')).toEqual([]);
  });
});
