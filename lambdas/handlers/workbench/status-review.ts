/**
 * POST /console/workbench/certificates/{licenceNo}/status — the "are you sure" step (officer). The chosen wordings
 * become the texts, and `previewStatusChange` checks the change exactly as the change itself will (transition,
 * expiry, the reasons' text, the revision the form was drawn at) without writing anything; the answer names the
 * licence with Confirm and Cancel. A reason or basis missing or refused is the form again (422) with the message
 * beside its field.
 */
import { statusChangeDeps } from '../../composition/storage';
import { consoleWorkbenchStatusReviewRoute } from '../../contracts/console-workbench';
import { Certificate } from '../../domain/certificate';
import { localDateOf } from '../../domain/dates';
import { ValidationError } from '../../domain/errors';
import { chosenText, wordingsFor } from '../../presenters/console/status-wordings';
import { type FieldError, statusConfirmBody, statusFormBody } from '../../presenters/console/workbench-certificates';
import { type ConsoleRequest, type ConsoleResult, consoleRoute } from '../../shared/console-route';
import {
  previewStatusChange,
  type StatusChangeDeps,
  statusChangeSubject,
} from '../../use-cases/change-certificate-status';
import { orNotFound } from '../console/page-support';
import { STATUS_FORM_TITLE } from './status-form';

/** The form's field a use-case issue belongs beside. */
const FIELD_OF: Readonly<Record<string, string>> = {
  publicReason: 'reason',
  legalBasis: 'basis',
  internalNotes: 'internalNotes',
};

/**
 * The confirm page, or the form again (422).
 *
 * @example
 * await statusReviewPage(statusChangeDeps(), request); // { kind: 'page', title: { zh: '确认…' }, body }
 */
export function statusReviewPage(
  deps: StatusChangeDeps,
  { viewer, params, form, ctx }: ConsoleRequest<typeof consoleWorkbenchStatusReviewRoute>,
): Promise<ConsoleResult> {
  return orNotFound(ctx, async () => {
    const words = wordingsFor(form.action);
    const publicReason = chosenText(words.reasons, form.reason, form.reasonOther) ?? '';
    const legalBasis = chosenText(words.bases, form.basis, form.basisOther) ?? '';
    const internalNotes = form.internalNotes?.trim() || undefined;
    try {
      const { head, change } = await previewStatusChange(deps, {
        licenceNo: params.licenceNo,
        action: form.action,
        publicReason,
        legalBasis,
        ...(internalNotes ? { internalNotes } : {}),
        expectedRevision: form.revision,
        actor: { type: 'user', id: viewer.id, role: 'officer' },
      });
      const c = head.certificate;
      const today = localDateOf(deps.clock.now());
      const body = statusConfirmBody(
        {
          licenceNo: c.licenceNumber.toString(),
          urlSafe: c.licenceNumber.toUrlSafe(),
          enterpriseName: c.enterprise.name,
          action: form.action,
          from: Certificate.rehydrate(c).effectiveStatus(today),
          to: change.to,
          revision: c.revision,
          publicReason: change.publicReason,
          legalBasis: change.legalBasis,
          ...(change.internalNotes ? { internalNotes: change.internalNotes } : {}),
        },
        ctx,
      );
      return { kind: 'page', title: { zh: '确认状态变更', en: 'Confirm the status change' }, body: body.toString() };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors: Record<string, FieldError> = {};
      for (const issue of error.details.issues ?? []) {
        const field = FIELD_OF[issue.field] ?? 'form';
        errors[field] ??= { code: error.code };
      }
      if (Object.keys(errors).length === 0) errors.form = { code: error.code };
      const { head, allowed } = await statusChangeSubject(deps, params.licenceNo);
      const c = head.certificate;
      const body = statusFormBody(
        {
          licenceNo: c.licenceNumber.toString(),
          urlSafe: c.licenceNumber.toUrlSafe(),
          enterpriseName: c.enterprise.name,
          status: Certificate.rehydrate(c).effectiveStatus(localDateOf(deps.clock.now())),
          revision: form.revision,
          allowed,
          action: form.action,
          values: {
            ...(form.reason ? { reason: form.reason } : {}),
            ...(form.reasonOther ? { reasonOther: form.reasonOther } : {}),
            ...(form.basis ? { basis: form.basis } : {}),
            ...(form.basisOther ? { basisOther: form.basisOther } : {}),
            ...(form.internalNotes ? { internalNotes: form.internalNotes } : {}),
          },
          errors,
        },
        ctx,
      );
      return {
        kind: 'page',
        status: 422,
        title: STATUS_FORM_TITLE,
        body: body.toString(),
        returnPath: `/console/workbench/certificates/${encodeURIComponent(c.licenceNumber.toUrlSafe())}/status?action=${form.action}`,
      };
    }
  });
}

const deps = statusChangeDeps();

export const handler = consoleRoute(consoleWorkbenchStatusReviewRoute, (r) => statusReviewPage(deps, r));
