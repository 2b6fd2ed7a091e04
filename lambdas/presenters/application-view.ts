/**
 * Maps applications, documents and inspections to the API's JSON views. The postal address of a paper copy is
 * shown masked (the enterprise and staff know whose it is; the full address goes to the dispatch record only).
 *
 * @example
 * json(200, applicationView(application, documents, clock.now()));
 */
import type { z } from 'zod';
import type { ApplicationView } from '../contracts/applications';
import type { InspectionView } from '../contracts/inspections';
import type { ApplicationSnapshot } from '../domain/application';
import { isOverdue } from '../domain/application';
import type { ApplicationDocument, DocumentRead } from '../domain/application-document';
import { requiredDocuments } from '../domain/application-documents';
import { localDateOf } from '../domain/dates';
import type { InspectionSnapshot } from '../domain/inspection';
import type { LicenceNumber } from '../domain/licence-number';
import { maskAddress, parsePostalAddress } from '../domain/postal-address';

const certificateLink = (licenceNo: LicenceNumber) => `/v1/certificates/${licenceNo.toUrlSafe()}`;

/** The document as the API shows it (never its storage keys); staff also get the link that reads its content. */
export function documentView(d: ApplicationDocument, options: { staff?: boolean } = {}) {
  const { applicationId: _a, key: _k, keptKey: _kk, createdAt: _c, declaredSize: _s, ...rest } = d;
  return {
    ...rest,
    ...(options.staff && d.state !== 'awaiting-upload'
      ? { links: { content: `/v1/applications/${d.applicationId}/documents/${d.id}/content` } }
      : {}),
  };
}

/** For staff: the latest document reads (the audit of who read which document), newest first. */
export interface StaffExtras {
  readonly documentReads: { readonly items: readonly DocumentRead[]; readonly more: boolean };
}

export function applicationView(
  a: ApplicationSnapshot,
  documents: readonly ApplicationDocument[] | undefined,
  now: Date,
  staff?: StaffExtras,
): z.input<typeof ApplicationView> {
  const { paperCopy, deadline, outcome, request, ...rest } = a;
  return {
    ...rest,
    request: 'licenceNo' in request ? { ...request, licenceNo: request.licenceNo.toString() } : { ...request },
    ...(paperCopy
      ? { paperCopy: { address: { ...maskAddress(parsePostalAddress(paperCopy.address, 'paperCopy.address')) } } }
      : {}),
    ...(deadline
      ? {
          deadline: {
            ...deadline,
            unannouncedYears: [...deadline.unannouncedYears],
            overdue: isOverdue(a, localDateOf(now)),
          },
        }
      : {}),
    ...(outcome ? { outcome: { ...outcome, licenceNo: outcome.licenceNo.toString() } } : {}),
    requiredDocuments: [...requiredDocuments(a.kind)],
    ...(documents ? { documents: documents.map((d) => documentView(d, { staff: staff !== undefined })) } : {}),
    ...(staff
      ? {
          documentReads: {
            items: staff.documentReads.items.map(({ applicationId: _a, ...read }) => ({
              ...read,
              actor: { ...read.actor },
            })),
            more: staff.documentReads.more,
          },
        }
      : {}),
    timeline: a.timeline.map((t) => ({ ...t })),
    links: {
      self: `/v1/applications/${a.id}`,
      ...(outcome ? { certificate: certificateLink(outcome.licenceNo) } : {}),
    },
  };
}

export function inspectionView(i: InspectionSnapshot): z.input<typeof InspectionView> {
  const { revision: _r, plan: _p, team: _t, publication: _pub, ...rest } = i;
  return {
    ...rest,
    licenceNo: i.licenceNo.toString(),
    ...(i.plan ? { plan: { ...i.plan } } : {}),
    ...(i.team ? { team: [...i.team] } : {}),
    ...(i.publication ? { publication: { ...i.publication } } : {}),
    history: i.history.map((h) => ({ ...h, ...(h.result ? { result: { ...h.result } } : {}) })),
    links: { self: `/v1/inspections/${i.id}`, certificate: certificateLink(i.licenceNo) },
  };
}
