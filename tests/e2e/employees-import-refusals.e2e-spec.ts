import { IMPORT_COLUMNS, type ImportColumn } from '@changepulse/people';
import { createTestApp, employeeRow, toCsv, type CsvRow, type TestApp } from '@changepulse/testing';
import { csvOf, IMPORT, importHelpers } from './import-helpers';

describe('employee import: files that are refused, and nothing written', () => {
  let t: TestApp;
  let h: ReturnType<typeof importHelpers>;
  beforeAll(async () => {
    t = await createTestApp();
    h = importHelpers(t);
  });
  afterAll(() => t.close());

  describe('a cell that is wrong', () => {
    const cases: Array<[string, CsvRow, ImportColumn, RegExp]> = [
      ['an unknown market', { market: 'NOWHERE' }, 'market', /unknown market "NOWHERE"/],
      ['an unknown audience tier', { audience: 'intern' }, 'audience', /unknown audience tier "intern"/],
      ['a bad email', { email: 'anna.example.com' }, 'email', /email "anna\.example\.com" is not an email address/],
      ['no employee_id', { employee_id: '' }, 'employee_id', /employee_id is required/],
      ['no email', { email: '' }, 'email', /email is required/],
      ['no market', { market: '' }, 'market', /market is required/],
      ['no audience', { audience: '' }, 'audience', /audience is required/],
      ['a bad timezone', { timezone: 'Mars/Olympus' }, 'timezone', /timezone "Mars\/Olympus" is not an IANA time zone/],
      ['a hire_date that does not exist (2023-02-30)', { hire_date: '2023-02-30' }, 'hire_date', /hire_date "2023-02-30" is not a date/],
      ['a hire_date written 01.02.2023', { hire_date: '01.02.2023' }, 'hire_date', /hire_date "01\.02\.2023" is not a date written YYYY-MM-DD/],
      ['a bad locale', { locale: 'not a locale' }, 'locale', /locale "not a locale" is not a locale/],
      ['a bad status', { status: 'retired' }, 'status', /status "retired" must be active or leaver/],
      ['a bad customer_facing', { customer_facing: 'maybe' }, 'customer_facing', /customer_facing "maybe" must be true or false/],
      ['a bad slack_user_id', { slack_user_id: 'anna' }, 'slack_user_id', /slack_user_id "anna" is not a Slack user id/],
    ];

    it.each(cases)('refuses a file with %s, names row and column, and writes nothing', async (_, overrides, column, message) => {
      const session = await t.session();
      const market = session.market.code;
      await h.expectRefused(session, toCsv([employeeRow(market), employeeRow(market, overrides), employeeRow(market)]), [{ row: 3, column, message }]);
    });
  });

  describe('rows that clash', () => {
    it('refuses an employee_id that appears twice in the file and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      const anna = employeeRow(market);
      const twin = employeeRow(market, { employee_id: anna.employee_id });
      await h.expectRefused(session, toCsv([anna, employeeRow(market), twin]), [{ row: 4, column: 'employee_id', message: new RegExp(`employee_id ${anna.employee_id} is already on row 2`) }]);
    });

    it('refuses an email that appears twice in the file, whatever its case, and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      const anna = employeeRow(market);
      const twin = employeeRow(market, { email: anna.email!.toUpperCase() });
      await h.expectRefused(session, toCsv([anna, twin]), [{ row: 3, column: 'email', message: new RegExp(`email ${anna.email} is already on row 2`) }]);
    });

    it('refuses an email that belongs to someone in the directory who is not in the file, and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      const anna = employeeRow(market);
      await h.accept(session, toCsv([anna]));
      await h.expectRefused(session, toCsv([employeeRow(market), employeeRow(market, { email: anna.email })]), [
        { row: 3, column: 'email', message: new RegExp(`email ${anna.email} already belongs to employee ${anna.employee_id}`) },
      ]);
    });

    it('refuses a manager_id that is neither in the file nor in the directory, and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      await h.expectRefused(session, toCsv([employeeRow(market), employeeRow(market, { manager_id: 'GHOST-1' })]), [
        { row: 3, column: 'manager_id', message: /manager_id GHOST-1 is neither in the file nor in the directory/ },
      ]);
    });

    it('refuses a manager cycle inside the file (A → B → A) and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      const [a, b] = [employeeRow(market), employeeRow(market)];
      a.manager_id = b.employee_id;
      b.manager_id = a.employee_id;
      await h.expectRefused(session, toCsv([employeeRow(market), a, b]), [
        { row: 3, column: 'manager_id', message: new RegExp(`manager cycle: ${a.employee_id} → ${b.employee_id} → ${a.employee_id}`) },
      ]);
    });

    it('refuses a manager cycle closed through the directory and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      const a = employeeRow(market);
      const b = employeeRow(market, { manager_id: a.employee_id });
      await h.accept(session, toCsv([a, b]));
      // The file only names A; B's manager (A) comes from the directory.
      await h.expectRefused(session, toCsv([{ ...a, manager_id: b.employee_id }], ['employee_id', 'email', 'market', 'audience', 'manager_id']), [
        { row: 2, column: 'manager_id', message: /manager cycle/ },
      ]);
    });

    it('refuses a person who is their own manager and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      const self = employeeRow(market);
      self.manager_id = self.employee_id;
      await h.expectRefused(session, toCsv([employeeRow(market), self]), [{ row: 3, column: 'manager_id', message: /cannot be their own manager/ }]);
    });
  });

  describe('a file that cannot be read', () => {
    it('refuses a row with the wrong number of fields and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      await h.expectRefused(session, csvOf(employeeRow(market), 'X1,x1@example.com,too,few', employeeRow(market)), [
        { row: 3, column: null, message: new RegExp(`the row has 4 fields but the header has ${IMPORT_COLUMNS.length}`) },
      ]);
    });

    it('refuses a header with an unknown column and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      const csv = `employee_id,email,market,audience,nickname\nU1,u1@example.com,${market},telemarketer,Al\n`;
      await h.expectRefused(session, csv, [{ row: 1, column: 'nickname', message: /unknown column "nickname"/ }]);
    });

    it('refuses a header without a required column and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      const person = employeeRow(market);
      await h.expectRefused(session, toCsv([person], ['employee_id', 'email', 'market', 'first_name']), [{ row: 1, column: 'audience', message: /the required column audience is missing/ }]);
    });

    it('refuses a file with nothing but blank lines and writes nothing', async () => {
      const session = await t.session();
      await h.expectRefused(session, '\uFEFF\r\n\r\n', [{ row: 1, column: null, message: /the file is empty/ }]);
    });

    it('refuses a file with a header and no rows and writes nothing', async () => {
      const session = await t.session();
      await h.expectRefused(session, toCsv([]), [{ row: 1, column: null, message: /a header but no rows/ }]);
    });

    it('refuses a file that is not UTF-8 and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      const latin1 = Buffer.concat([Buffer.from(`employee_id,email,market,audience,last_name\nL1,l1@example.com,${market},telemarketer,`), Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), Buffer.from('\n')]);
      await h.expectRefused(session, latin1, [{ row: 1, column: null, message: /not UTF-8/ }]);
    });

    it('refuses one bad row among many good ones, names only that row, and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      const existing = employeeRow(market);
      await h.accept(session, toCsv([existing]));
      const rows = Array.from({ length: 200 }, () => employeeRow(market));
      rows[0].manager_id = rows[150].employee_id;
      rows[150].email = 'broken@'; // on line 152; rows 2 reports to it, so its refusal must not make row 2 look wrong
      await h.expectRefused(session, toCsv([...rows, { ...existing, department: 'Moved' }]), [{ row: 152, column: 'email', message: /email "broken@" is not an email address/ }]);
    });

    it('names only the broken row when another row takes over the address of the person on it', async () => {
      const session = await t.session();
      const market = session.market.code;
      const anna = employeeRow(market);
      await h.accept(session, toCsv([anna]));
      const annaMovedAway = { ...anna, email: `new.${anna.email}`, market: 'NOWHERE' };
      await h.expectRefused(session, toCsv([employeeRow(market, { email: anna.email }), annaMovedAway]), [{ row: 3, column: 'market', message: /unknown market "NOWHERE"/ }]);
    });

    it('reports every problem of a file, sorted by row', async () => {
      const session = await t.session();
      const market = session.market.code;
      const anna = employeeRow(market);
      const csv = csvOf(
        anna, // 2
        employeeRow(market, { market: 'NOWHERE' }), // 3
        employeeRow(market, { employee_id: anna.employee_id }), // 4
        employeeRow(market, { email: 'nope', timezone: 'Moon/Base' }), // 5
        'X1,x1@example.com', // 6
        employeeRow(market, { manager_id: 'GHOST-2' }), // 7
      );
      await h.expectRefused(session, csv, [
        { row: 3, column: 'market', message: /unknown market/ },
        { row: 4, column: 'employee_id', message: /is already on row 2/ },
        { row: 5, column: 'email', message: /not an email address/ },
        { row: 5, column: 'timezone', message: /not an IANA time zone/ },
        { row: 6, column: null, message: /the row has 2 fields/ },
        { row: 7, column: 'manager_id', message: /GHOST-2 is neither in the file nor in the directory/ },
      ]);
    });
  });

  describe('a request that is wrong', () => {
    it('answers 400 naming "file" when no file is sent', async () => {
      const session = await t.session();
      const response = await t.http
        .post(IMPORT)
        .set(await session.auth())
        .expect(400);
      expect(response.body.message).toMatch(/file/);
    });

    it('answers 413 to a file over 50 MB, as a body or as an upload, and writes nothing', async () => {
      const session = await t.session();
      const huge = Buffer.alloc(51 * 1024 * 1024, 'a');
      const asBody = await t.http.post(IMPORT).set(await session.auth()).set('Content-Type', 'text/csv').send(huge);
      expect(asBody.status).toBe(413);
      const asUpload = await t.http.post(IMPORT).set(await session.auth()).attach('file', huge, { filename: 'huge.csv', contentType: 'text/csv' });
      expect(asUpload.status).toBe(413);
      expect(asUpload.body.message).toMatch(/too large/i);
      expect(await h.countIn(session.market.code)).toBe(0);
    });

    it('answers 400 naming "file" for an upload of zero bytes', async () => {
      const session = await t.session();
      const response = await t.http
        .post(IMPORT)
        .set(await session.auth())
        .attach('file', Buffer.alloc(0), { filename: 'empty.csv', contentType: 'text/csv' })
        .expect(400);
      expect(response.body.message).toMatch(/file/);
    });

    it('answers 400 naming "mode" for an unknown mode and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      const response = await h.post(session, toCsv([employeeRow(market)]), { mode: 'partial' });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.message)).toMatch(/mode must be one of the following values: upsert, full/);
      expect(await h.countIn(market)).toBe(0);
    });

    it('answers 400 naming "dryRun" for a value that is not a boolean and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      const response = await h.post(session, toCsv([employeeRow(market)]), { dryRun: 'maybe' });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.message)).toMatch(/dryRun/);
      expect(await h.countIn(market)).toBe(0);
    });

    it.each(['viewer', 'leader'] as const)('answers 403 to a %s token and writes nothing', async (role) => {
      const session = await t.session();
      const market = session.market.code;
      await t.http
        .post(IMPORT)
        .set(await session.auth(role))
        .set('Content-Type', 'text/csv')
        .send(toCsv([employeeRow(market)]))
        .expect(403);
      expect(await h.countIn(market)).toBe(0);
    });

    it('answers 401 without a token and writes nothing', async () => {
      const session = await t.session();
      const market = session.market.code;
      await t.http.post(IMPORT).set('Content-Type', 'text/csv').send(toCsv([employeeRow(market)])).expect(401);
      expect(await h.countIn(market)).toBe(0);
    });
  });


  describe('a token limited to some markets', () => {
    it('refuses rows in other markets, naming the row and the market column', async () => {
      const session = await t.session();
      const other = await session.addMarket();
      const limited = { Authorization: `Bearer ${await session.token('change_manager', [session.market.code])}` };
      const csv = toCsv([employeeRow(session.market.code), employeeRow(other.code)]);
      const response = await t.http.post(IMPORT).set(limited).set('Content-Type', 'text/csv').send(csv).expect(422);
      expect(response.body.errors).toEqual([{ row: 3, column: 'market', message: 'your token is limited to other markets than this one' }]);
      expect(await h.countIn(session.market.code)).toBe(0);
    });

    it('refuses to move someone out of a market it cannot reach', async () => {
      const session = await t.session();
      const other = await session.addMarket();
      const person = employeeRow(other.code);
      await session.importCsv(toCsv([person]));
      const limited = { Authorization: `Bearer ${await session.token('change_manager', [session.market.code])}` };
      const response = await t.http.post(IMPORT).set(limited).set('Content-Type', 'text/csv').send(toCsv([{ ...person, market: session.market.code }])).expect(422);
      expect(response.body.errors).toEqual([{ row: 2, column: 'employee_id', message: expect.stringContaining('outside your token') }]);
    });

    it('deactivates in a full import only the people of its own markets', async () => {
      const session = await t.session();
      const other = await session.addMarket();
      await session.importCsv(toCsv([employeeRow(session.market.code), employeeRow(other.code)]));
      const limited = { Authorization: `Bearer ${await session.token('change_manager', [session.market.code])}` };
      const kept = employeeRow(session.market.code);
      const response = await t.http.post(IMPORT).query({ mode: 'full' }).set(limited).set('Content-Type', 'text/csv').send(toCsv([kept])).expect(200);
      expect(response.body).toMatchObject({ created: 1, deactivated: 1 });
      const [{ active }] = await t.dataSource.query(`SELECT count(*)::int AS active FROM employees e JOIN markets m ON m.id = e.market_id WHERE m.code = $1 AND e.status = 'active'`, [other.code]);
      expect(active).toBe(1);
    });
  });
});
