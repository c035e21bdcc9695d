import { invitationToken } from '../invitations/invitation-token';

/** The links of an invitation. The answer pages serve exactly these paths. */
export interface SurveyLinks {
  /** The whole form: `/s/<token>`. */
  form: string;
  /** One-click answers for values 1 to 5: `/s/<token>?<item>=<value>`; they open the form preselected, a GET never records. */
  answers: string[];
  /** Mutes pulses: `/s/<token>/unsubscribe` (a page on GET, RFC 8058 one-click on POST). */
  unsubscribe: string;
}

export function surveyLinks(publicUrl: string, secretKey: string, invitationId: string, itemCode: string | null): SurveyLinks {
  const form = `${publicUrl}/s/${invitationToken(secretKey, invitationId)}`;
  const answers = itemCode ? [1, 2, 3, 4, 5].map((value) => `${form}?${encodeURIComponent(itemCode)}=${value}`) : [];
  return { form, answers, unsubscribe: `${form}/unsubscribe` };
}
