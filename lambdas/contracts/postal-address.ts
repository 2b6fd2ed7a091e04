/**
 * Contract of a postal address in request bodies (applications, paper copies). Shape and sizes only: the domain's
 * `parsePostalAddress` validates phone numbers and postcodes and names every bad field.
 */
import { z } from 'zod';
import { POSTAL_LIMITS } from '../domain/postal-address';

const text = (max: number, description: string) => z.string().trim().min(1).max(max).describe(description);

/**
 * 邮寄地址 — a mainland postal address. Personal data: accepted on authenticated routes only, never shown publicly.
 *
 * @example
 * PostalAddressBody.parse({ recipient: '张三', phone: '13812345678', address: '湖北省武汉市洪山区珞喻路1号', postcode: '430074' });
 */
export const PostalAddressBody = z
  .object({
    recipient: text(POSTAL_LIMITS.recipient * 2, '收件人 Recipient name'),
    phone: z
      .string()
      .trim()
      .min(7)
      .max(40)
      .describe(
        '联系电话 Mainland mobile (`13812345678`) or landline with area code (`027-87654321`, extension optional)',
      ),
    address: z
      .union([
        text(POSTAL_LIMITS.line * 2, '详细地址 Address on one line'),
        z
          .object({
            province: text(POSTAL_LIMITS.region * 2, '省 Province'),
            city: text(POSTAL_LIMITS.region * 2, '市 City'),
            district: z
              .string()
              .trim()
              .max(POSTAL_LIMITS.region * 2)
              .optional()
              .describe('区/县 District'),
            detail: text(POSTAL_LIMITS.detail * 2, '详细地址 Street and number'),
          })
          .strict(),
      ])
      .describe('One line, or structured province / city / district / detail'),
    postcode: z.string().trim().min(6).max(20).describe('邮政编码 6-digit postcode'),
  })
  .strict()
  .meta({ id: 'PostalAddress' });

/** The validated-shape type of {@link PostalAddressBody}. */
export type PostalAddressInput = z.infer<typeof PostalAddressBody>;

/**
 * A postal address as shown to its owner and to staff (normalised phone; never on public routes).
 *
 * @example
 * PostalAddressView.parse(address);
 */
export const PostalAddressView = z
  .object({
    recipient: z.string(),
    phone: z.string(),
    address: z.union([
      z.object({ line: z.string() }),
      z.object({ province: z.string(), city: z.string(), district: z.string().optional(), detail: z.string() }),
    ]),
    postcode: z.string(),
  })
  .meta({ id: 'PostalAddressView' });
