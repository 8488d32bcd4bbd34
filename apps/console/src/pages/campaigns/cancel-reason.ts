import type { MessageKey } from '../../i18n/messages';

/** The API's bound on a cancellation reason, checked before anything is sent. */
export const MAX_CANCEL_REASON = 200;

export function cancelReasonProblem(reason: string): MessageKey | null {
  const trimmed = reason.trim();
  return trimmed.length === 0 || trimmed.length > MAX_CANCEL_REASON ? 'inputCancelReasonInvalid' : null;
}

/** Only a campaign whose overlays have not ended can still be cancelled. */
export const isCancellable = (status: string): boolean => status === 'SCHEDULED' || status === 'RUNNING';
