import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Certificate, HISTORY_KEPT } from '../../../lambdas/domain/certificate';
import { STATUS_ACTIONS } from '../../../lambdas/domain/certificate-status';
import { parseLocalDate, today } from '../../../lambdas/domain/dates';
import { LicenceNumber } from '../../../lambdas/domain/licence-number';
import { PaperSerial } from '../../../lambdas/domain/paper-serial';
import { TEXT_LIMITS } from '../../../lambdas/domain/text';
import { catalogue, decision, enterpriseInput, issued, officer, system } from '../../support/domain-builders';

const d = (s: string) => parseLocalDate(s);
const failure = (attempt: () => unknown): { code?: string; kind?: string; fields: string[]; details?: unknown } => {
  try {
    attempt();
    return { fields: [] };
  } catch (e) {
    const err = e as { code?: string; kind?: string; details?: { issues?: { field: string }[] } };
    return {
      code: err.code,
      kind: err.kind,
      fields: err.details?.issues?.map((i) => i.field) ?? [],
      details: err.details,
    };
  }
};
const suspendReasons = {
  publicReason: '责令整改 / Suspended pending rectification',
  legalBasis: '《工业产品生产许可证管理条例》',
};

describe('Certificate.issue', () => {
  it('issues version 1, valid from the Shanghai issue date for five years', () => {
    // Act: 01:30 in Wuhan is still the previous day in UTC
    const { certificate } = issued({}, '2026-09-28T01:30:00+08:00');

    // Assess
    expect(certificate.licenceNumber.toString()).toBe('(鄂)XK06-001-00001');
    expect(certificate.version).toBe(1);
    expect(certificate.revision).toBe(1);
    expect(certificate.paperSerial.toString()).toBe('20260000001');
    expect(certificate.issueDate).toBe('2026-09-28');
    expect(certificate.firstIssueDate).toBe('2026-09-28');
    expect(certificate.validFrom).toBe('2026-09-28');
    expect(certificate.validUntil).toBe('2031-09-27');
    expect(certificate.procedure).toBe('post-issuance-review');
    expect(certificate.status).toBe('valid');
    expect(certificate.issuingAuthority).toBe('湖北省市场监督管理局');
    expect(certificate.products).toEqual([
      {
        categoryCode: '06',
        productCode: '001',
        name: { zh: '电线电缆', en: 'Wires and cables' },
        categoryName: { zh: '电线电缆', en: 'Wires and cables' },
      },
    ]);
    expect(certificate.history).toEqual([
      { from: null, to: 'valid', actor: officer, at: '2026-09-27T17:30:00.000Z', ...decision },
    ]);
    expect(certificate.lastChange).toEqual({ kind: 'issue', actor: officer, at: '2026-09-27T17:30:00.000Z' });
  });

  it('takes the strictest procedure of its products, and ignores duplicates', () => {
    // Prepare
    const foodNumber = LicenceNumber.of({ province: '鄂', categoryCode: '16', productCode: '204', serial: 3 });

    // Act
    const food = issued({ licenceNumber: foodNumber, products: ['16-204', '16-204'] }).certificate;
    const mixed = issued({ licenceNumber: foodNumber, products: ['16-204', '06-001'] }).certificate;
    const hazardous = issued({
      licenceNumber: foodNumber,
      products: ['16-204', { categoryCode: '85', productCode: '901' }],
    }).certificate;

    // Assess
    expect(food.products).toHaveLength(1);
    expect(food.procedure).toBe('notification-commitment');
    expect(mixed.procedure).toBe('post-issuance-review');
    expect(hazardous.procedure).toBe('general');
  });

  it("refuses a licence number whose codes are not the first product's", () => {
    expect(failure(() => issued({ products: ['16-204', '06-001'] }))).toMatchObject({
      code: 'LICENCE_NUMBER_PRODUCT_MISMATCH',
      fields: ['licenceNumber'],
    });
  });

  it('refuses missing, unknown and not-yet-licensable products', () => {
    expect(failure(() => issued({ products: [] }))).toMatchObject({ code: 'INVALID_FIELDS', fields: ['products'] });
    expect(failure(() => issued({ products: ['06-001', '06-999'] }))).toMatchObject({
      code: 'UNKNOWN_PRODUCT',
      fields: ['products.1'],
    });
    expect(failure(() => issued({ products: ['06-001', '05-901'] }, '2024-09-24T10:00:00+08:00'))).toMatchObject({
      code: 'PRODUCT_NOT_LICENSABLE',
      fields: ['products.1'],
    });
  });

  it('validates every field and the actor', () => {
    expect(failure(() => issued({ issuingAuthority: ' ' }))).toMatchObject({ fields: ['issuingAuthority'] });
    expect(failure(() => issued({ enterprise: enterpriseInput({ name: '' }) }))).toMatchObject({
      code: 'INVALID_FIELDS',
      fields: ['enterprise.name'],
    });
    expect(failure(() => issued({ decision: { publicReason: '准予许可', legalBasis: '' } }))).toMatchObject({
      fields: ['legalBasis'],
    });
    expect(failure(() => issued({ actor: { type: 'user', id: '' } }))).toMatchObject({ fields: ['actor.id'] });
  });
});

describe('new versions', () => {
  it('addProducts: same number and validity, products merged, procedure recomputed, new paper', () => {
    // Prepare
    const { certificate, clock, nextPaper } = issued();
    clock.advance({ days: 100 });

    // Act
    const v2 = certificate.addProducts({
      products: ['06-001', '85-902'],
      catalogue,
      paperSerial: nextPaper(),
      actor: officer,
      at: clock.now(),
      reference: 'app-42',
    });

    // Assess
    expect(v2.licenceNumber.equals(certificate.licenceNumber)).toBe(true);
    expect(v2.version).toBe(2);
    expect(v2.revision).toBe(2);
    expect(v2.products.map((p) => `${p.categoryCode}-${p.productCode}`)).toEqual(['06-001', '85-902']);
    expect(v2.procedure).toBe('general');
    expect([v2.validFrom, v2.validUntil]).toEqual([certificate.validFrom, certificate.validUntil]);
    expect(v2.issueDate).toBe('2027-01-06');
    expect(v2.paperSerial.toString()).toBe('20260000002');
    expect(v2.lastChange).toMatchObject({ kind: 'add-products', reference: 'app-42' });
    expect(v2.history).toHaveLength(1);
    expect(certificate.version).toBe(1); // immutable
    expect(certificate.products).toHaveLength(1);
  });

  it('addProducts refuses a request adding nothing, and a reused paper serial', () => {
    // Prepare
    const { certificate, clock, nextPaper } = issued();

    // Act / Assess
    expect(
      failure(() =>
        certificate.addProducts({
          products: ['06-001'],
          catalogue,
          paperSerial: nextPaper(),
          actor: officer,
          at: clock.now(),
        }),
      ),
    ).toMatchObject({ code: 'NO_NEW_PRODUCTS', kind: 'conflict' });
    expect(
      failure(() =>
        certificate.addProducts({
          products: ['16-204'],
          catalogue,
          paperSerial: certificate.paperSerial,
          actor: officer,
          at: clock.now(),
        }),
      ),
    ).toMatchObject({ code: 'PAPER_SERIAL_REUSED' });
  });

  it('amend: a new version with the new name and addresses, USCC unchanged; no-op refused', () => {
    // Prepare
    const { certificate, clock, nextPaper } = issued();

    // Act
    const v2 = certificate.amend({
      changes: {
        name: '湖北长江线缆股份有限公司',
        productionAddresses: ['湖北省孝感市高新区一路1号', '湖北省武汉市东湖新技术开发区光谷大道1号A栋'],
      },
      paperSerial: nextPaper(),
      actor: officer,
      at: clock.now(),
    });

    // Assess
    expect(v2.version).toBe(2);
    expect(v2.enterprise).toEqual({
      ...certificate.enterprise,
      name: '湖北长江线缆股份有限公司',
      productionAddresses: ['湖北省孝感市高新区一路1号', '湖北省武汉市东湖新技术开发区光谷大道1号A栋'],
    });
    expect(
      failure(() =>
        v2.amend({
          changes: { name: ' 湖北长江线缆股份有限公司 ' },
          paperSerial: nextPaper(),
          actor: officer,
          at: clock.now(),
        }),
      ),
    ).toMatchObject({ code: 'NO_CHANGE' });
    expect(
      failure(() =>
        v2.amend({ changes: { domicile: 'x'.repeat(201) }, paperSerial: nextPaper(), actor: officer, at: clock.now() }),
      ),
    ).toMatchObject({ code: 'INVALID_FIELDS', fields: ['enterprise.domicile'] });
  });

  it('renew: only in the 6 months before expiry, then five more years from the old expiry', () => {
    // Prepare
    const { certificate, clock, nextPaper } = issued();
    clock.set('2031-03-26T12:00:00+08:00');
    const renew = () => certificate.renew({ catalogue, paperSerial: nextPaper(), actor: officer, at: clock.now() });

    // Act
    const early = failure(renew);
    clock.set('2031-03-27T08:00:00+08:00');
    const renewed = renew();

    // Assess
    expect(certificate.renewalWindow()).toEqual({ opensOn: '2031-03-27', closesOn: '2031-09-27' });
    expect(early).toMatchObject({ code: 'RENEWAL_NOT_OPEN', details: { opensOn: '2031-03-27' } });
    expect(renewed.version).toBe(2);
    expect(renewed.issueDate).toBe('2031-03-27');
    expect(renewed.validFrom).toBe('2031-09-28');
    expect(renewed.validUntil).toBe('2036-09-27');
    expect(renewed.effectiveStatus(d('2031-09-28'))).toBe('valid');
    expect(
      failure(() => renewed.renew({ catalogue, paperSerial: nextPaper(), actor: officer, at: clock.now() })),
    ).toMatchObject({ code: 'RENEWAL_NOT_OPEN' });
  });

  it('renew: on the last valid day still works, the day after is too late; suspended refused', () => {
    // Prepare
    const { certificate, clock, nextPaper } = issued();
    const suspended = certificate.changeStatus('suspend', { actor: officer, at: clock.now(), ...suspendReasons });

    // Act / Assess
    clock.set('2031-09-27T23:59:00+08:00');
    expect(certificate.renew({ catalogue, paperSerial: nextPaper(), actor: officer, at: clock.now() }).validUntil).toBe(
      '2036-09-27',
    );
    expect(
      failure(() => suspended.renew({ catalogue, paperSerial: nextPaper(), actor: officer, at: clock.now() })),
    ).toMatchObject({ code: 'CERTIFICATE_SUSPENDED' });
    clock.advance({ minutes: 2 });
    expect(
      failure(() => certificate.renew({ catalogue, paperSerial: nextPaper(), actor: officer, at: clock.now() })),
    ).toMatchObject({ code: 'CERTIFICATE_EXPIRED' });
  });

  it('renew across a leap day: issued 2028-02-29 → valid to 2033-02-27 → renewed to 2038-02-27', () => {
    // Prepare
    const { certificate, clock, nextPaper } = issued({}, '2028-02-29T10:00:00+08:00');
    clock.set('2033-01-10T10:00:00+08:00');

    // Act
    const renewed = certificate.renew({ catalogue, paperSerial: nextPaper(), actor: officer, at: clock.now() });

    // Assess
    expect(certificate.validUntil).toBe('2033-02-27');
    expect(renewed.validFrom).toBe('2033-02-28');
    expect(renewed.validUntil).toBe('2038-02-27');
  });

  it('reissuePaper: same version, new paper serial; allowed while suspended', () => {
    // Prepare
    const { certificate, clock, nextPaper } = issued();
    const suspended = certificate.changeStatus('suspend', { actor: officer, at: clock.now(), ...suspendReasons });

    // Act
    const copy = suspended.reissuePaper({ paperSerial: nextPaper(), actor: officer, at: clock.now() });

    // Assess
    expect(copy.version).toBe(1);
    expect(copy.revision).toBe(3);
    expect(copy.paperSerial.toString()).toBe('20260000002');
    expect(copy.status).toBe('suspended');
    expect(copy.lastChange.kind).toBe('reissue-paper');
    expect(
      failure(() => copy.reissuePaper({ paperSerial: copy.paperSerial, actor: officer, at: clock.now() })),
    ).toMatchObject({ code: 'PAPER_SERIAL_REUSED' });
  });
});

describe('lifecycle', () => {
  it('valid ⇄ suspended → revoked, each change recorded with actor, time, reasons', () => {
    // Prepare
    const { certificate, clock } = issued();

    // Act
    clock.advance({ days: 10 });
    const suspended = certificate.changeStatus('suspend', {
      actor: officer,
      at: clock.now(),
      ...suspendReasons,
      internalNotes: '企业整改中',
    });
    clock.advance({ days: 20 });
    const reinstated = suspended.changeStatus('reinstate', {
      actor: officer,
      at: clock.now(),
      publicReason: '整改完成',
      legalBasis: '同上',
    });
    clock.advance({ days: 1 });
    const revoked = reinstated.changeStatus('revoke', {
      actor: system,
      at: clock.now(),
      publicReason: '现场审查不合格',
      legalBasis: '后置现场审查结论',
    });

    // Assess
    expect([suspended.status, reinstated.status, revoked.status]).toEqual(['suspended', 'valid', 'revoked']);
    expect(revoked.history.map((h) => [h.from, h.to, h.actor.type])).toEqual([
      [null, 'valid', 'user'],
      ['valid', 'suspended', 'user'],
      ['suspended', 'valid', 'user'],
      ['valid', 'revoked', 'system'],
    ]);
    expect(revoked.history[1]).toMatchObject({ at: '2026-10-08T01:00:00.000Z', internalNotes: '企业整改中' });
    expect(revoked.version).toBe(1);
    expect(revoked.revision).toBe(4);
  });

  it('keeps the issuance and the latest changes on the record, counting the rest, so it stays storable', () => {
    // Prepare: every reason and note as long as the domain allows, in CJK (three bytes each in UTF-8)
    let { certificate } = issued();
    const longest = {
      publicReason: '责'.repeat(TEXT_LIMITS.publicReason),
      legalBasis: '条'.repeat(TEXT_LIMITS.legalBasis),
      internalNotes: '注'.repeat(TEXT_LIMITS.internalNotes),
    };

    // Act: the 48th such change made the stored item pass DynamoDB's 400 KB (a ValidationException, a 500)
    for (let i = 0; i < 60; i++) {
      certificate = certificate.changeStatus(i % 2 === 0 ? 'suspend' : 'reinstate', {
        actor: officer,
        at: new Date(),
        ...longest,
      });
    }
    const snapshot = certificate.toSnapshot();

    // Assess
    expect(certificate.history).toHaveLength(HISTORY_KEPT);
    expect(certificate.history[0]).toMatchObject({ from: null, to: 'valid' });
    expect(certificate.history.at(-1)).toMatchObject({ from: 'suspended', to: 'valid' });
    expect(certificate.earlierChanges).toBe(60 - (HISTORY_KEPT - 1));
    expect(Buffer.byteLength(JSON.stringify(snapshot))).toBeLessThan(300 * 1024);
    expect(Certificate.rehydrate(snapshot).earlierChanges).toBe(certificate.earlierChanges);
  });

  it('refuses illegal transitions and any new version of a closed certificate', () => {
    // Prepare
    const { certificate, clock, nextPaper } = issued();
    const cancelled = certificate.changeStatus('cancel', {
      actor: officer,
      at: clock.now(),
      publicReason: '企业申请注销',
      legalBasis: '《行政许可法》第七十条',
    });
    const context = { actor: officer, at: clock.now() };

    // Act / Assess
    expect(failure(() => certificate.changeStatus('reinstate', { ...context, ...suspendReasons }))).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      kind: 'conflict',
    });
    for (const action of STATUS_ACTIONS) {
      expect(failure(() => cancelled.changeStatus(action, { ...context, ...suspendReasons })).code).toBe(
        'ILLEGAL_TRANSITION',
      );
    }
    expect(
      failure(() => cancelled.addProducts({ ...context, products: ['16-204'], catalogue, paperSerial: nextPaper() }))
        .code,
    ).toBe('CERTIFICATE_CLOSED');
    expect(
      failure(() => cancelled.amend({ ...context, changes: { name: '新名称' }, paperSerial: nextPaper() })).code,
    ).toBe('CERTIFICATE_CLOSED');
    expect(failure(() => cancelled.renew({ ...context, catalogue, paperSerial: nextPaper() })).code).toBe(
      'CERTIFICATE_CLOSED',
    );
    expect(failure(() => cancelled.reissuePaper({ ...context, paperSerial: nextPaper() })).code).toBe(
      'CERTIFICATE_CLOSED',
    );
  });

  it('derives expired from the date; a revoked certificate stays revoked', () => {
    // Prepare
    const { certificate, clock } = issued();
    const revoked = certificate.changeStatus('revoke', { actor: officer, at: clock.now(), ...suspendReasons });

    // Act / Assess
    expect(certificate.effectiveStatus(d('2031-09-27'))).toBe('valid');
    expect(certificate.effectiveStatus(d('2031-09-28'))).toBe('expired');
    expect(certificate.isLive(d('2031-09-27'))).toBe(true);
    expect(certificate.isLive(d('2031-09-28'))).toBe(false);
    expect(revoked.effectiveStatus(d('2040-01-01'))).toBe('revoked');
    expect(revoked.isLive(d('2026-09-28'))).toBe(false);
    expect(certificate.status).toBe('valid'); // expiry is never stored
  });

  it('after expiry: suspend and new versions refused, cancel (注销) allowed', () => {
    // Prepare
    const { certificate, clock, nextPaper } = issued();
    clock.set('2031-10-01T09:00:00+08:00');
    const context = { actor: officer, at: clock.now() };

    // Act / Assess
    expect(today(clock)).toBe('2031-10-01');
    expect(failure(() => certificate.changeStatus('suspend', { ...context, ...suspendReasons })).code).toBe(
      'CERTIFICATE_EXPIRED',
    );
    expect(
      failure(() => certificate.addProducts({ ...context, products: ['16-204'], catalogue, paperSerial: nextPaper() }))
        .code,
    ).toBe('CERTIFICATE_EXPIRED');
    expect(
      certificate.changeStatus('cancel', {
        ...context,
        publicReason: '有效期届满未延续',
        legalBasis: '《行政许可法》第七十条',
      }).status,
    ).toBe('cancelled');
  });

  it('no sequence of actions leaves a final status or loses a record (property)', () => {
    const { certificate, clock } = issued();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...STATUS_ACTIONS), { maxLength: 12 }), (actions) => {
        let current = certificate;
        let applied = 0;
        for (const action of actions) {
          const wasFinal = current.status === 'revoked' || current.status === 'cancelled';
          try {
            current = current.changeStatus(action, { actor: officer, at: clock.now(), ...suspendReasons });
            applied += 1;
            expect(wasFinal).toBe(false);
          } catch (e) {
            expect((e as { code: string }).code).toBe('ILLEGAL_TRANSITION');
          }
        }
        expect(current.history).toHaveLength(applied + 1);
        expect(current.revision).toBe(applied + 1);
        expect(current.history.at(-1)?.to).toBe(current.status);
      }),
    );
  });
});

describe('snapshots and printing', () => {
  it('toSnapshot is plain data but for the licence number, serialises as stored, and rehydrates equal', () => {
    // Prepare
    const { certificate, clock, nextPaper } = issued();
    const v2 = certificate
      .addProducts({ products: ['16-204'], catalogue, paperSerial: nextPaper(), actor: officer, at: clock.now() })
      .changeStatus('suspend', { actor: system, at: clock.now(), ...suspendReasons, internalNotes: 'n' });

    // Act
    const snapshot = v2.toSnapshot();
    const json = JSON.parse(JSON.stringify(snapshot));
    const again = Certificate.rehydrate({ ...json, licenceNumber: LicenceNumber.parse(json.licenceNumber) });

    // Assess: the JSON is the stored text (the printed number); parsed back, nothing else was lost
    expect(snapshot.licenceNumber).toBe(v2.licenceNumber);
    expect(json.licenceNumber).toBe('(鄂)XK06-001-00001');
    expect(json.paperSerial).toBe('20260000002');
    expect({ ...json, licenceNumber: LicenceNumber.parse(json.licenceNumber) }).toEqual(snapshot);
    expect(again.toSnapshot()).toEqual(snapshot);
    expect(again.licenceNumber.equals(v2.licenceNumber)).toBe(true);
    expect(again.paperSerial).toBeInstanceOf(PaperSerial);
    expect(Object.isFrozen(again.history)).toBe(true);
    // a copy: changing it changes neither certificate
    (json.history as unknown[]).length = 0;
    (snapshot.history as unknown[]).length = 0;
    expect(v2.history.length).toBeGreaterThan(1);
    expect(again.history.length).toBeGreaterThan(1);
  });

  it('rehydrate refuses a damaged record, naming the fields', () => {
    // Prepare
    const snapshot = issued().certificate.toSnapshot();

    // Act
    const bad = failure(() =>
      Certificate.rehydrate({
        ...snapshot,
        enterprise: { ...snapshot.enterprise, uscc: '91350100M000100Y44' },
        status: 'lost',
      }),
    );
    const mismatch = failure(() =>
      Certificate.rehydrate({ ...snapshot, licenceNumber: LicenceNumber.parse('(鄂)XK16-204-00001') }),
    );
    const text = failure(() => Certificate.rehydrate({ ...snapshot, licenceNumber: '(鄂)XK06-001-00001' }));

    // Assess
    expect(bad).toMatchObject({ code: 'CERTIFICATE_SNAPSHOT_INVALID', fields: ['enterprise.uscc', 'status'] });
    expect(mismatch).toMatchObject({ code: 'CERTIFICATE_SNAPSHOT_INVALID', fields: ['products.0'] });
    // Text is the stored form, parsed back by the storage adapter: the entity takes the value object only
    expect(text).toMatchObject({ code: 'CERTIFICATE_SNAPSHOT_INVALID', fields: ['licenceNumber'] });
    expect(failure(() => Certificate.rehydrate('nope')).code).toBe('CERTIFICATE_SNAPSHOT_INVALID');
  });

  it('printable holds everything the PDF prints, as plain data', () => {
    // Prepare
    const { certificate, clock, nextPaper } = issued();
    const v2 = certificate.addProducts({
      products: ['16-204'],
      catalogue,
      paperSerial: nextPaper(),
      actor: officer,
      at: clock.now(),
    });

    // Act
    const printable = v2.printable();

    // Assess
    expect(printable).toEqual({
      licenceNumber: '(鄂)XK06-001-00001',
      licenceNumberUrlSafe: '42-XK06-001-00001',
      version: 2,
      paperSerial: '20260000002',
      enterpriseName: '武汉长江线缆有限公司',
      uscc: enterpriseInput().uscc,
      domicile: '湖北省武汉市东湖新技术开发区光谷大道1号',
      productionAddresses: ['湖北省武汉市东湖新技术开发区光谷大道1号A栋'],
      products: [
        { code: 'XK06-001', zh: '电线电缆', en: 'Wires and cables' },
        {
          code: 'XK16-204',
          zh: '食品用塑料包装容器工具等制品',
          en: 'Plastic food packaging, containers, tools and similar articles',
        },
      ],
      issueDate: '2026-09-28',
      validFrom: '2026-09-28',
      validUntil: '2031-09-27',
      issuingAuthority: '湖北省市场监督管理局',
    });
    expect(JSON.parse(JSON.stringify(printable))).toEqual(printable);
  });
});
