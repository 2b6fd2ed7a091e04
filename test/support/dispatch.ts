/**
 * Builders and probes for dispatch tests: a valid postal address, an issue request with a paper copy, and reading
 * a dispatch straight from the table.
 *
 * @example
 * const res = await runtime.request('/v1/certificates', { as: 'officer', ...jsonRequest(paperCopyBody({ seed: 3 })) });
 */
import type { z } from 'zod';
import type { DispatchView } from '../../lambdas/contracts/dispatches';
import { DEMO_ENTERPRISE } from '../../lib/local/demo-users';
import { issueBody } from './certificates';

export const postalAddress = {
  recipient: '张三丰',
  phone: '138 1234 5678',
  address: { province: '湖北省', city: '武汉市', district: '洪山区', detail: '珞喻路1037号' },
  postcode: '430074',
};

/** An issue request with a paper copy; `demo: true` issues to the demo enterprise (its token sees the parcel). */
export function paperCopyBody(options: { seed?: number; demo?: boolean } = {}) {
  const body = issueBody({
    seed: options.seed ?? 1,
    ...(options.demo ? { uscc: DEMO_ENTERPRISE.uscc, name: DEMO_ENTERPRISE.name } : {}),
  });
  return { ...body, paperCopy: { address: postalAddress } };
}

export type DispatchJson = z.input<typeof DispatchView>;
