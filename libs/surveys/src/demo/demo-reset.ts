import type { DataSource } from 'typeorm';

/**
 * Wipes what the demo put into its markets, in one transaction: their waves with invitations,
 * responses, answers, rollups and deliveries, their pulse programmes, and their people with the
 * survey records kept about them. The markets themselves, tokens and segments stay. It lives
 * with the surveys because most of what goes is theirs and people can only go after it.
 */
export async function clearDemoData(dataSource: DataSource, codes: string[]): Promise<{ waves: number; employees: number }> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('changepulse.demo'))`);
    const markets = `SELECT id FROM markets WHERE code = ANY($1)`;
    const waves = `SELECT id FROM survey_waves WHERE market_id IN (${markets})`;
    const people = `SELECT id FROM employees WHERE market_id IN (${markets})`;
    const statements = [
      `DELETE FROM deliveries WHERE invitation_id IN (SELECT id FROM invitations WHERE wave_id IN (${waves}) OR employee_id IN (${people}))`,
      `DELETE FROM answers WHERE response_id IN (SELECT id FROM responses WHERE wave_id IN (${waves}))`,
      `DELETE FROM responses WHERE wave_id IN (${waves})`,
      `DELETE FROM invitations WHERE wave_id IN (${waves})`,
      // Should another market's wave have invited one of these people, it keeps its row, as a closed wave would.
      `UPDATE invitations SET employee_id = NULL WHERE employee_id IN (${people})`,
      `DELETE FROM rollup_scores WHERE wave_id IN (${waves})`,
      `DELETE FROM rollup_waves WHERE wave_id IN (${waves})`,
    ];
    for (const statement of statements) await manager.query(statement, [codes]);
    const deletedWaves: [unknown[], number] = await manager.query(`DELETE FROM survey_waves WHERE market_id IN (${markets})`, [codes]);
    await manager.query(`DELETE FROM pulse_programmes WHERE market_id IN (${markets})`, [codes]);
    await manager.query(`DELETE FROM survey_contacts WHERE employee_id IN (${people})`, [codes]);
    await manager.query(`DELETE FROM pulse_mutes WHERE employee_id IN (${people})`, [codes]);
    await manager.query(`UPDATE employees SET manager_id = NULL WHERE manager_id IN (${people}) AND market_id NOT IN (${markets})`, [codes]);
    const deletedPeople: [unknown[], number] = await manager.query(`DELETE FROM employees WHERE market_id IN (${markets})`, [codes]);
    return { waves: deletedWaves[1], employees: deletedPeople[1] };
  });
}
