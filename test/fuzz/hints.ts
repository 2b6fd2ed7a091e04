/**
 * Real values for the generator to draw from, by parameter or property name: identifiers from the seeded corpus
 * (licence numbers in both forms, application, document and inspection ids, QR texts, cursors, dispatches), products
 * from the catalogue (`data/catalogue.json`), valid USCCs, and plausible Chinese names, addresses and reasons — so
 * that most generated requests name things that exist and reach the use cases.
 *
 * @example
 * const hint = hintFor(corpus, 'fileApplication', 'enterprise');
 * hint('uscc', ['body', 'enterprise', 'uscc']); // mostly the caller's own USCC
 */
import fc from 'fast-check';
import { seedCatalogue } from '../../lambdas/domain/catalogue-seed';
import { usccFor } from '../support/certificates';
import type { Caller, Corpus, Owner } from './corpus';

/** A caller of the webhook that signs (correctly, too late, or with the wrong secret). */
export type FuzzCaller = Caller | 'carrier';

/** The catalogue's products (`data/catalogue.json`). */
const PRODUCT_KEYS: readonly string[] = seedCatalogue().products.map((p) => p.key);

const COMPANY = fc
  .tuple(
    fc.constantFrom('湖北', '武汉', '宜昌', '襄阳', '荆州', '黄石'),
    fc.constantFrom('长江', '楚天', '光谷', '汉江', '江城', '东湖'),
    fc.constantFrom('线缆', '机械', '化工', '包装', '建材', '钢铁', '食品包装'),
    fc.constantFrom('有限公司', '股份有限公司', '有限责任公司'),
  )
  .map((parts) => parts.join(''));
const ADDRESS = fc
  .tuple(
    fc.constantFrom('湖北省武汉市', '湖北省宜昌市', '湖北省襄阳市'),
    fc.constantFrom('东西湖区', '洪山区', '江夏区', '西陵区'),
    fc.constantFrom('革新大道', '珞喻路', '庙山大道', '发展大道'),
    fc.integer({ min: 1, max: 1999 }),
  )
  .map(([a, b, c, n]) => `${a}${b}${c}${n}号`);
const REASON = fc.constantFrom(
  '责令停产整改',
  '监督抽查不合格',
  '企业申请注销',
  '证书遗失，申请补领',
  '材料齐全，符合要求',
  '生产设备与申报不符',
  '《工业产品生产许可证管理条例》第四十五条',
  'Rectification ordered after inspection',
);
const PEOPLE = fc.constantFrom('张三', '李四', '王五', '赵六', '欧阳娜娜');

/** A date near today, YYYY-MM-DD. */
const nearDate = fc
  .integer({ min: -400, max: 800 })
  .map((days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10));

/** The year the calendar route is mostly fed (its holidays and adjusted working days are drawn from it). */
const CALENDAR_YEAR = 2027;

/** A weekday (or a weekend day) of a year, YYYY-MM-DD. */
const dayOf = (year: number, weekend: boolean) =>
  fc
    .integer({ min: 0, max: 364 })
    .map((n) => new Date(Date.UTC(year, 0, 1 + n)))
    .filter((d) => (d.getUTCDay() === 0 || d.getUTCDay() === 6) === weekend)
    .map((d) => d.toISOString().slice(0, 10));

const currentMonth = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);

/**
 * `fc.oneof` with weights first: `weighted([4, a], [1, b])`; zero weights drop their branch.
 *
 * @example
 * weighted<number>([4, fc.constant(1)], [1, fc.nat()]);
 */
export function weighted<T>(...parts: [number, fc.Arbitrary<T>][]): fc.Arbitrary<T> {
  return fc.oneof(...parts.filter(([w]) => w > 0).map(([weight, arbitrary]) => ({ weight, arbitrary })));
}

/** An enterprise names its own things far more often than others' (whose are answered 404 or 403 anyway). */
function ownerWeight(caller: FuzzCaller, owner: Owner): number {
  return caller === 'enterprise' || caller === 'other-enterprise' ? (owner === caller ? 6 : 1) : 1;
}

/**
 * Items of a corpus list, the caller's own more often.
 *
 * @example
 * fromCorpus(corpus.applications, 'enterprise', (a) => a.id);
 */
export function fromCorpus<T extends { owner: Owner }, R>(items: readonly T[], caller: FuzzCaller, map: (t: T) => R) {
  return fc.oneof(
    ...items.map((item) => ({ weight: ownerWeight(caller, item.owner), arbitrary: fc.constant(map(item)) })),
  );
}

/** A real QR text, its bare payload, or one with a character changed. */
function qrText(corpus: Corpus): fc.Arbitrary<string> {
  const real = fc.constantFrom(...corpus.qrTexts);
  return weighted(
    [4, real],
    [2, real.map((t) => t.slice(t.indexOf('/v/') + 3))],
    [
      2,
      fc.tuple(real, fc.nat(), fc.constantFrom('A', 'Z', '2', '7', 'a', '=', '/')).map(([t, at, c]) => {
        const i = at % t.length;
        return `${t.slice(0, i)}${c}${t.slice(i + 1)}`;
      }),
    ],
    [1, real.map((t) => t.toLowerCase())],
  );
}

/**
 * Real values for a parameter or property, by its name (and where it sits); undefined leaves it to its schema.
 *
 * @example
 * const hint = hintFor(corpus, 'getCertificate', 'enterprise');
 * fc.sample(hint('licenceNo', ['path', 'licenceNo']) as fc.Arbitrary<string>, 1); // ['42-XK06-001-00001']
 */
export function hintFor(corpus: Corpus, operationId: string, caller: FuzzCaller) {
  const licence = fromCorpus(corpus.licences, caller, (l) => l);
  return (name: string, path: readonly string[]): fc.Arbitrary<unknown> | undefined => {
    const inPath = path[0] === 'path';
    switch (name) {
      case 'licenceNo':
        return inPath || path[0] === 'query'
          ? weighted<string>(
              [5, licence.map((l) => l.urlSafe)],
              [3, licence.map((l) => l.printed)],
              [1, licence.map((l) => l.urlSafe.toLowerCase())],
              [1, fc.constantFrom('42-XK06-001-99999', '(鄂)XK99-999-00001', '11-XK06-001-00001')],
            )
          : weighted<string>([6, licence.map((l) => l.printed)], [1, licence.map((l) => l.urlSafe)]);
      case 'applicationId':
        return weighted<string>(
          [6, fromCorpus(corpus.applications, caller, (a) => a.id)],
          [1, fc.constant('APP-20260101-AAAAAAAAAA')],
        );
      case 'documentId':
        return fromCorpus(corpus.documents, caller, (d) => d.id);
      case 'inspectionId':
        return corpus.inspections.length > 0 ? fc.constantFrom(...corpus.inspections) : undefined;
      case 'payload':
        return qrText(corpus).map((t) => (t.includes('/v/') ? t.slice(t.indexOf('/v/') + 3) : t));
      case 'qr':
        return qrText(corpus);
      case 'year':
        return weighted<number>([4, fc.constant(CALENDAR_YEAR)], [1, fc.integer({ min: 2025, max: 2028 })]);
      case 'uscc': {
        const own =
          caller === 'enterprise' || caller === 'other-enterprise' ? fc.constant(corpus.usccOf[caller]) : undefined;
        return weighted<string>(
          [own ? 8 : 0, own ?? fc.constant('')],
          [own ? 1 : 3, fc.constantFrom(...corpus.usccs)],
          [own ? 1 : 2, fc.integer({ min: 1, max: 99_999_999 }).map(usccFor)],
        );
      }
      case 'products[]':
        return weighted<string>([9, fc.constantFrom(...PRODUCT_KEYS)], [1, fc.constantFrom('99-999', '06-000')]);
      case 'cursor': {
        const own = corpus.cursors[operationId];
        const all = Object.values(corpus.cursors);
        if (all.length === 0) return undefined;
        return weighted<string>([own ? 3 : 0, fc.constant(own ?? '')], [1, fc.constantFrom(...all)]);
      }
      case 'month':
        return fc.constantFrom(currentMonth(), '2026-01', '2025-12', '2030-06');
      case 'before':
      case 'rectifyBy':
        return nearDate;
      case 'holidays[]':
        return weighted<string>([4, dayOf(CALENDAR_YEAR, false)], [1, nearDate]);
      case 'workdays[]':
        return weighted<string>([4, dayOf(CALENDAR_YEAR, true)], [1, nearDate]);
      case 'idempotency-key':
        return weighted<string>([6, fc.uuid()], [1, fc.constantFrom(...corpus.idempotencyKeys)]);
      case 'orderId':
        return fc.constantFrom(...corpus.dispatches.map((d) => d.id));
      case 'waybillNo':
        return fc.constantFrom(...corpus.dispatches.map((d) => d.waybillNo));
      case 'eventId':
        return fc.uuid().map((u) => `EV-${u}`);
      case 'at':
        return fc.integer({ min: -3_600, max: 600 }).map((s) => new Date(Date.now() + s * 1000).toISOString());
      case 'phone':
        return fc.constantFrom('13812345678', '138 1234 5678', '027-87654321', '027-87654321-123', '+86 138 1234 5678');
      case 'postcode':
        return fc.constantFrom('430074', '443000', '100000');
      case 'recipient':
      case 'inspectors[]':
        return PEOPLE;
      case 'name':
        return COMPANY;
      case 'domicile':
      case 'productionAddresses[]':
      case 'detail':
        return ADDRESS;
      case 'address':
        return path.includes('paperCopy') ? undefined : ADDRESS;
      case 'province':
        return fc.constant('湖北省');
      case 'city':
        return fc.constantFrom('武汉市', '宜昌市');
      case 'district':
        return fc.constantFrom('洪山区', '江夏区');
      case 'publicReason':
      case 'legalBasis':
      case 'internalNotes':
      case 'reason':
      case 'comment':
      case 'findings':
      case 'description':
        return REASON;
      case 'fileName':
        return fc.constantFrom('申请单.pdf', '承诺书.png', '检测报告.pdf', 'scan.jpg');
      case 'size':
        return fc.integer({ min: 1, max: 20_000 });
      case 'expectedRevision':
        return fc.integer({ min: 1, max: 6 });
      default:
        return undefined;
    }
  };
}
