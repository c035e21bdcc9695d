import { IMPORT_COLUMNS, type ImportColumn } from '@changepulse/people';
import { createTestApp, employeeRow, toCsv, type TestApp } from '@changepulse/testing';
import { csvOf, IMPORT, importHelpers } from './import-helpers';

describe('employee import (POST /api/employees/import)', () => {
  let t: TestApp;
  let h: ReturnType<typeof importHelpers>;
  beforeAll(async () => {
    t = await createTestApp();
    h = importHelpers(t);
  });
  afterAll(() => t.close());

  describe('a file that is accepted', () => {
    it('reports created, updated, unchanged and deactivated, and stores every column', async () => {
      const session = await t.session();
      const market = session.market.code;
      const boss = employeeRow(market, { audience: 'manager', locale: 'de-at', timezone: 'Europe/Vienna', slack_user_id: 'U024BE7LH', customer_facing: 'no' });
      const agent = employeeRow(market, { manager_id: boss.employee_id, first_name: 'Anna', last_name: 'Schmidt', hire_date: '2021-04-01' });

      const response = await h.accept(session, toCsv([boss, agent]));

      expect(response.body).toEqual({ created: 2, updated: 0, unchanged: 0, deactivated: 0, dryRun: false, mode: 'upsert' });
      expect(await h.stored(boss.employee_id!)).toEqual({
        email: boss.email,
        first_name: 'Alex',
        last_name: boss.last_name,
        market,
        department: 'Customer Service',
        job_title: 'Agent',
        audience: 'manager',
        manager_id: null,
        slack_user_id: 'U024BE7LH',
        locale: 'de-AT',
        timezone: 'Europe/Vienna',
        hire_date: '2022-03-01',
        status: 'active',
        customer_facing: false,
      });
      expect(await h.stored(agent.employee_id!)).toMatchObject({ first_name: 'Anna', last_name: 'Schmidt', manager_id: boss.employee_id, hire_date: '2021-04-01', customer_facing: true, locale: null });
    });

    it('answers all unchanged for the same file a second time and touches no row', async () => {
      const session = await t.session();
      const market = session.market.code;
      // Cells that the import normalises (case, locale spelling, yes/no) must still compare equal the second time.
      const boss = employeeRow(market.toLowerCase(), { email: 'Boss.Person@Example.COM', audience: 'Manager', locale: 'de_at', customer_facing: 'yes', employee_id: `${market}-BOSS` });
      const csv = toCsv([employeeRow(market, { manager_id: boss.employee_id }), boss, employeeRow(market, { hire_date: '', department: '' })]);
      await h.accept(session, csv);
      const before = await h.peopleIn(market);

      const again = await h.accept(session, csv);

      expect(again.body).toEqual({ created: 0, updated: 0, unchanged: 3, deactivated: 0, dryRun: false, mode: 'upsert' });
      expect(await h.peopleIn(market)).toEqual(before);
    });

    it('counts a changed cell as updated and leaves the other rows untouched', async () => {
      const session = await t.session();
      const market = session.market.code;
      const [kept, changed] = [employeeRow(market), employeeRow(market)];
      await h.accept(session, toCsv([kept, changed]));
      const before = await h.peopleIn(market);

      const response = await h.accept(session, toCsv([kept, { ...changed, job_title: 'Team Lead' }, employeeRow(market)]));

      expect(response.body).toMatchObject({ created: 1, updated: 1, unchanged: 1, deactivated: 0 });
      const after = await h.peopleIn(market);
      expect(after.find((row) => row.employee_id === kept.employee_id)).toEqual(before.find((row) => row.employee_id === kept.employee_id));
      expect(await h.stored(changed.employee_id!)).toMatchObject({ job_title: 'Team Lead' });
    });

    it('takes the file as a multipart upload in the field "file"', async () => {
      const session = await t.session();
      const market = session.market.code;
      const response = await t.http
        .post(IMPORT)
        .set(await session.auth())
        .attach('file', Buffer.from(toCsv([employeeRow(market), employeeRow(market)])), { filename: 'people.csv', contentType: 'text/csv' })
        .expect(200);
      expect(response.body).toMatchObject({ created: 2 });
      expect(await h.countIn(market)).toBe(2);
    });

    it('takes the file as a text/csv body', async () => {
      const session = await t.session();
      const market = session.market.code;
      const response = await t.http
        .post(IMPORT)
        .set(await session.auth())
        .set('Content-Type', 'text/csv; charset=utf-8')
        .send(toCsv([employeeRow(market)]))
        .expect(200);
      expect(response.body).toMatchObject({ created: 1 });
      expect(await h.countIn(market)).toBe(1);
    });

    it('lets a change_manager import', async () => {
      const session = await t.session();
      const market = session.market.code;
      await t.http
        .post(IMPORT)
        .set(await session.auth('change_manager'))
        .set('Content-Type', 'text/csv')
        .send(toCsv([employeeRow(market)]))
        .expect(200);
      expect(await h.countIn(market)).toBe(1);
    });

    it('reads a file delimited by ";"', async () => {
      const session = await t.session();
      const market = session.market.code;
      const person = employeeRow(market, { job_title: 'Agent, senior' });
      const response = await h.accept(session, toCsv([person], IMPORT_COLUMNS, ';'));
      expect(response.body).toMatchObject({ created: 1 });
      expect(await h.stored(person.employee_id!)).toMatchObject({ email: person.email, job_title: 'Agent, senior', market });
    });

    it('reads a file that starts with a UTF-8 byte order mark', async () => {
      const session = await t.session();
      const market = session.market.code;
      const person = employeeRow(market, { last_name: 'Müller' });
      const response = await h.accept(session, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsv([person]))]));
      expect(response.body).toMatchObject({ created: 1 });
      expect(await h.stored(person.employee_id!)).toMatchObject({ last_name: 'Müller' });
    });

    it('reads the columns in any order', async () => {
      const session = await t.session();
      const market = session.market.code;
      const person = employeeRow(market, { first_name: 'Zoe' });
      const shuffled: ImportColumn[] = [...IMPORT_COLUMNS].reverse();
      await h.accept(session, toCsv([person], shuffled));
      expect(await h.stored(person.employee_id!)).toMatchObject({ email: person.email, first_name: 'Zoe', market, audience: 'telemarketer' });
    });

    it('reads a header written in upper case', async () => {
      const session = await t.session();
      const market = session.market.code;
      const person = employeeRow(market);
      const [header, ...rows] = toCsv([person]).split('\n');
      await h.accept(session, [header.toUpperCase(), ...rows].join('\n'));
      expect(await h.stored(person.employee_id!)).toMatchObject({ email: person.email, market });
    });

    it('keeps the stored values of a column that the file leaves out', async () => {
      const session = await t.session();
      const market = session.market.code;
      const boss = employeeRow(market);
      const person = employeeRow(market, { manager_id: boss.employee_id, locale: 'fr-FR', timezone: 'Europe/Paris', slack_user_id: 'U0PERSON1', status: 'active', customer_facing: 'true' });
      await h.accept(session, toCsv([boss, person]));
      const before = await h.stored(person.employee_id!);

      const response = await h.accept(session, toCsv([{ ...person, job_title: 'Coach' }], ['employee_id', 'email', 'market', 'audience', 'job_title']));

      expect(response.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
      expect(await h.stored(person.employee_id!)).toEqual({ ...before, job_title: 'Coach' });
    });

    it('clears a stored value when the cell of a present column is empty', async () => {
      const session = await t.session();
      const market = session.market.code;
      const boss = employeeRow(market);
      const person = employeeRow(market, { manager_id: boss.employee_id, locale: 'fr-FR', timezone: 'Europe/Paris', slack_user_id: 'U0PERSON1' });
      await h.accept(session, toCsv([boss, person]));

      const cleared = { ...person, first_name: '', department: '', job_title: '', manager_id: '', locale: '', timezone: '', slack_user_id: '', hire_date: '', customer_facing: '' };
      const response = await h.accept(session, toCsv([boss, cleared]));

      expect(response.body).toMatchObject({ updated: 1, unchanged: 1 });
      expect(await h.stored(person.employee_id!)).toMatchObject({
        first_name: null,
        department: null,
        job_title: null,
        manager_id: null,
        locale: null,
        timezone: null,
        slack_user_id: null,
        hire_date: null,
        customer_facing: false,
      });
    });

    it('answers the same report with dryRun=true and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      const [same, changed] = [employeeRow(market), employeeRow(market)];
      await h.accept(session, toCsv([same, changed]));
      const before = await h.peopleIn(market);
      const importsBefore = await h.importLogSize();
      const csv = toCsv([same, { ...changed, department: 'Sales' }, employeeRow(market)]);

      const dry = await h.accept(session, csv, { dryRun: 'true' });

      expect(dry.body).toEqual({ created: 1, updated: 1, unchanged: 1, deactivated: 0, dryRun: true, mode: 'upsert' });
      expect(await h.peopleIn(market)).toEqual(before);
      expect(await h.importLogSize()).toBe(importsBefore);
      const real = await h.accept(session, csv);
      expect(real.body).toEqual({ ...dry.body, dryRun: false });
    });

    it('marks active people missing from a full import as leavers, keeps their rows and counts them', async () => {
      const session = await t.session();
      const market = session.market.code;
      const [stays, missing, alreadyLeft] = [employeeRow(market), employeeRow(market), employeeRow(market, { status: 'leaver' })];
      await h.accept(session, toCsv([stays, missing, alreadyLeft]));
      const newcomer = employeeRow(market);
      const inFile = [stays.employee_id, newcomer.employee_id];
      // A full import covers the whole directory, so people of earlier tests in this file are missing from it too.
      const [{ count: activeMissing }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM employees WHERE status = 'active' AND NOT employee_id = ANY($1)`, [inFile]);
      const csv = toCsv([stays, newcomer]);

      const dry = await h.accept(session, csv, { mode: 'full', dryRun: 'true' });
      expect(await h.stored(missing.employee_id!)).toMatchObject({ status: 'active' });
      const response = await h.accept(session, csv, { mode: 'full' });

      expect(response.body).toEqual({ created: 1, updated: 0, unchanged: 1, deactivated: activeMissing, dryRun: false, mode: 'full' });
      expect(dry.body).toEqual({ ...response.body, dryRun: true });
      expect(activeMissing).toBeGreaterThanOrEqual(1);
      expect(await h.countIn(market)).toBe(4);
      expect(await h.stored(missing.employee_id!)).toMatchObject({ status: 'leaver' });
      expect(await h.stored(alreadyLeft.employee_id!)).toMatchObject({ status: 'leaver' });
      expect(await h.stored(stays.employee_id!)).toMatchObject({ status: 'active' });
    });

    it('accepts a manager_id that refers to someone later in the same file', async () => {
      const session = await t.session();
      const market = session.market.code;
      const boss = employeeRow(market);
      const report = employeeRow(market, { manager_id: boss.employee_id });
      const response = await h.accept(session, toCsv([report, boss]));
      expect(response.body).toMatchObject({ created: 2 });
      expect(await h.stored(report.employee_id!)).toMatchObject({ manager_id: boss.employee_id });
    });

    it('accepts a manager_id that refers to someone already in the directory', async () => {
      const session = await t.session();
      const market = session.market.code;
      const boss = employeeRow(market);
      await h.accept(session, toCsv([boss]));
      const report = employeeRow(market, { manager_id: boss.employee_id });
      const response = await h.accept(session, toCsv([report]));
      expect(response.body).toMatchObject({ created: 1, unchanged: 0 });
      expect(await h.stored(report.employee_id!)).toMatchObject({ manager_id: boss.employee_id });
    });

    it('swaps the email addresses of two people in one file', async () => {
      const session = await t.session();
      const market = session.market.code;
      const [anna, ben] = [employeeRow(market), employeeRow(market)];
      await h.accept(session, toCsv([anna, ben]));
      const response = await h.accept(session, toCsv([{ ...anna, email: ben.email }, { ...ben, email: anna.email }]));
      expect(response.body).toMatchObject({ updated: 2 });
      expect(await h.stored(anna.employee_id!)).toMatchObject({ email: ben.email });
      expect(await h.stored(ben.employee_id!)).toMatchObject({ email: anna.email });
    });

    it('moves an email address from one person to a newcomer in one file', async () => {
      const session = await t.session();
      const market = session.market.code;
      const anna = employeeRow(market);
      await h.accept(session, toCsv([anna]));
      const newcomer = employeeRow(market, { email: anna.email!.toUpperCase() });
      const response = await h.accept(session, toCsv([newcomer, { ...anna, email: `renamed.${anna.email}` }]));
      expect(response.body).toMatchObject({ created: 1, updated: 1 });
      expect(await h.stored(newcomer.employee_id!)).toMatchObject({ email: anna.email });
      expect(await h.stored(anna.employee_id!)).toMatchObject({ email: `renamed.${anna.email}` });
    });
  });


  // Last, so that the other tests plan against a small directory.
  it('imports 10,000 rows in one call', async () => {
    const session = await t.session();
    const market = session.market.code;
    const boss = employeeRow(market, { audience: 'manager' });
    const rows = [boss, ...Array.from({ length: 9999 }, () => employeeRow(market, { manager_id: boss.employee_id }))];
    const response = await h.accept(session, toCsv(rows));
    expect(response.body).toMatchObject({ created: 10000, updated: 0, unchanged: 0 });
    expect(await h.countIn(market)).toBe(10000);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM employees e JOIN employees boss ON boss.id = e.manager_id WHERE boss.employee_id = $1`, [boss.employee_id]);
    expect(count).toBe(9999);
  });
});
