import { createTestApp, type TestApp } from '@changepulse/testing';
import { answerHelpers } from './answer-helpers';

/** The answer page over HTTP: the form, one-click links, a submit and what it stores. */
describe('the answer page', () => {
  let t: TestApp;
  let h: ReturnType<typeof answerHelpers>;
  beforeAll(async () => {
    t = await createTestApp();
    h = answerHelpers(t);
  });
  afterAll(() => t.close());

  it('serves the form: a fieldset and legend per question, five labelled radios, a comment, the CSRF field, anonymity in plain words', async () => {
    const { invited } = await h.launch();
    const response = await t.http.get(`/s/${invited[0].token}`).expect(200);
    const page = response.text;
    expect(page).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page.match(/<fieldset /g)).toHaveLength(21);
    expect(page.match(/<legend>/g)).toHaveLength(21);
    for (const value of [1, 2, 3, 4, 5]) {
      expect(page).toContain(`<label class="choice" for="q-understand_1-${value}"><input type="radio" id="q-understand_1-${value}" name="understand_1" value="${value}">`);
    }
    expect(page).toContain('In the last two weeks, how often did you');
    expect(page).toContain('… ask customers what they were really trying to achieve, beyond their request?');
    expect(page).toMatch(/<label class="block" for="comment">[^<]+<\/label>/);
    expect(page).toContain('<textarea id="comment" name="comment"');
    expect(page).toMatch(/<input type="hidden" name="csrf" value="[\w-]{43}">/);
    expect(page).toContain('at least 5 people');
    expect(page).toContain('partial answers are welcome');
    expect(page).not.toContain('<script');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-security-policy']).toMatch(/default-src 'none'.*style-src 'sha256-[^']+'.*form-action 'self'/);
    expect(response.headers['content-security-policy']).not.toMatch(/script-src|unsafe-inline/);
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('opens a one-click link with that answer chosen, and a GET records nothing', async () => {
    const { waveId, invited } = await h.launch();
    const before = await h.counts(waveId);
    const page = (await t.http.get(`/s/${invited[0].token}?understand_1=4&utm_source=mail&analyze_1=9`).expect(200)).text;
    expect(page).toContain('name="understand_1" value="4" checked>');
    expect(page.match(/ checked>/g)).toHaveLength(1);
    await t.http.get(`/s/${invited[0].token}?understand_1=4`).expect(200);
    expect(await h.counts(waveId)).toEqual(before);
    expect(before).toEqual({ responses: 0, answers: 0, responded: 0 });
  });

  it('records a submit, answers 303 to the thank-you page, and the wave counts the response', async () => {
    const { session, waveId, invited } = await h.launch();
    const response = await h.submit(invited[0].token, { understand_1: '4', analyze_2: '5', readiness_people_1: '2', comment: 'More training, please.' });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/s/${invited[0].token}/thanks`);
    const thanks = await t.http.get(response.headers.location).expect(200);
    expect(thanks.text).toContain('Thank you!');
    expect(await h.counts(waveId)).toEqual({ responses: 1, answers: 3, responded: 1 });
    const { body } = await t.http.get(`/api/surveys/${waveId}`).set(await session.auth()).expect(200);
    expect(body).toMatchObject({ invited: 3, responded: 1, responseRate: 1 / 3 });
    const answers = await t.dataSource.query(`SELECT a.item_code, a.value FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.wave_id = $1 ORDER BY a.item_code`, [waveId]);
    expect(answers).toEqual([
      { item_code: 'analyze_2', value: 5 },
      { item_code: 'readiness_people_1', value: 2 },
      { item_code: 'understand_1', value: 4 },
    ]);
  });

  it('stores the response with the wave, the day and a demographic snapshot, and nothing that leads to the person', async () => {
    const { session, waveId, invited } = await h.launch([{ department: 'Retention', hire_date: '2025-06-01' }]);
    await h.answer(invited[0].token, { enable_1: '3', comment: 'ok' });
    const columns = await t.dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'responses' ORDER BY column_name`);
    expect(columns.map((column: { column_name: string }) => column.column_name)).toEqual([
      'comment', 'department', 'id', 'manager_group', 'market_id', 'submitted_on', 'tenure_band', 'tier_key', 'wave_id',
    ]);
    const [row] = await t.dataSource.query(`SELECT r.*, r.submitted_on::text AS day, m.code AS market FROM responses r JOIN markets m ON m.id = r.market_id WHERE r.wave_id = $1`, [waveId]);
    expect(row).toMatchObject({ market: session.market.code, tier_key: 'telemarketer', department: 'Retention', tenure_band: '1-3y', comment: 'ok', manager_group: null });
    expect(row.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [person] = await t.dataSource.query(`SELECT id FROM employees WHERE employee_id = $1`, [invited[0].employeeId]);
    expect(JSON.stringify(row)).not.toContain(person.id);
    expect(JSON.stringify(row)).not.toContain(invited[0].id);
  });

  it('takes partial answers: a single answer, or only a comment', async () => {
    const { waveId, invited } = await h.launch();
    await h.answer(invited[0].token, { invent_2: '1' });
    await h.answer(invited[1].token, { comment: '  Nothing to add but this.  ' });
    expect(await h.counts(waveId)).toEqual({ responses: 2, answers: 1, responded: 2 });
    const comments = await t.dataSource.query(`SELECT comment FROM responses WHERE wave_id = $1 AND comment IS NOT NULL`, [waveId]);
    expect(comments).toEqual([{ comment: 'Nothing to add but this.' }]);
  });

  it('serves the whole page in German to a de-DE person, labels and prompts included', async () => {
    const { invited } = await h.launch([{ locale: 'de-DE' }]);
    const page = (await t.http.get(`/s/${invited[0].token}`).expect(200)).text;
    expect(page).toContain('<html lang="de">');
    expect(page).toContain('Wie oft haben Sie in den letzten zwei Wochen');
    expect(page).toContain('<span>Manchmal</span>');
    expect(page).toContain('<span>Stimme voll zu</span>');
    expect(page).toContain('Antworten senden');
    expect(page).toContain('mindestens 5 Personen');
    await h.answer(invited[0].token, { understand_1: '3' });
    expect((await t.http.get(`/s/${invited[0].token}/thanks`).expect(200)).text).toContain('Vielen Dank!');
  });

  it('falls back to English for a language it does not speak', async () => {
    const { invited } = await h.launch([{ locale: 'nl-NL' }]);
    const page = (await t.http.get(`/s/${invited[0].token}`).expect(200)).text;
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Send my answers');
  });

  it('sends the thank-you address back to the form until the invitation is answered', async () => {
    const { invited } = await h.launch();
    const response = await t.http.get(`/s/${invited[0].token}/thanks`).expect(303);
    expect(response.headers.location).toBe(`/s/${invited[0].token}`);
  });

  it('shows a pulse wave with only the items it asks, and a link to stop pulses', async () => {
    const { invited } = await h.launch([{}], { kind: 'pulse', items: ['understand_2', 'enable_3'] });
    const page = (await t.http.get(`/s/${invited[0].token}`).expect(200)).text;
    expect(page.match(/<fieldset /g)).toHaveLength(2);
    expect(page).toContain('name="understand_2"');
    expect(page).toContain('name="enable_3"');
    expect(page).toContain(`<a href="/s/${invited[0].token}/unsubscribe">Stop pulse surveys</a>`);
  });
});
