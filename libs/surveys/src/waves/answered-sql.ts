/**
 * SQL that is true when the invitation under `alias` was answered: its `unanswered_invitations`
 * row is gone (submitting deletes it, so nothing on the invitation records when or in what order).
 */
export const answeredSql = (alias: string) => `NOT EXISTS (SELECT 1 FROM unanswered_invitations u WHERE u.invitation_id = ${alias}.id)`;
