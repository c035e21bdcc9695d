import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Answered" moves off the invitation: a submit used to update `invitations.responded` in the
 * transaction that inserted the response, so both rows carried the same `xmin` and a read-only
 * join linked every answer to its person while the wave was open. Now each invitation starts
 * with a row in `unanswered_invitations` and the submit deletes that row: a deleted row is
 * invisible to SQL, and the invitation itself is never written at submit. Answered means "no
 * such row", for open and closed waves alike. Existing invitations are rewritten once (one
 * `xmin` for all, then reordered by their random id), so old submits leave no trace either.
 */
export class UnansweredInvitations1795850252864 implements MigrationInterface {
  name = 'UnansweredInvitations1795850252864';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unanswered_invitations (
        invitation_id uuid PRIMARY KEY REFERENCES invitations (id) ON DELETE CASCADE
      )`);
    await q.query(`INSERT INTO unanswered_invitations (invitation_id) SELECT id FROM invitations WHERE NOT responded ORDER BY id`);
    await q.query(`ALTER TABLE invitations DROP COLUMN responded`);
    // Forget the submits' transaction ids and physical order on the invitations already answered.
    await q.query(`UPDATE invitations SET employee_id = employee_id`);
    await q.query(`CLUSTER invitations USING invitations_pkey`);
    await q.query(`ALTER TABLE invitations SET WITHOUT CLUSTER`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invitations ADD COLUMN responded boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE invitations i SET responded = NOT EXISTS (SELECT 1 FROM unanswered_invitations u WHERE u.invitation_id = i.id)`);
    await q.query(`DROP TABLE unanswered_invitations`);
  }
}
