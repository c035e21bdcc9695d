import { Client } from 'pg';
import { invitationToken } from '@changepulse/surveys';
import { createTestApp, type TestApp } from '@changepulse/testing';
import { answerHelpers } from './answer-helpers';

/** What the answer page refuses, with which status and page, and that a refusal writes nothing. */
describe('the answer page refuses', () => {
  let t: TestApp;
  let h: ReturnType<typeof answerHelpers>;
  beforeAll(async () => {
    t = await createTestApp();
    h = answerHelpers(t);
  });
  afterAll(() => t.close());

  const nothingWritten = { responses: 0, answers: 0, responded: 0 };

  it('an empty submit, showing the form again with the problem at the top', async () => {
    const { waveId, invited } = await h.launch();
    const response = await h.submit(invited[0].token, { comment: '   ' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('role="alert"');
    expect(response.text).toContain('Please answer at least one question, or write a comment');
    expect(response.text).toContain('<form method="post"');
    expect(await h.counts(waveId)).toEqual(nothingWritten);
  });

  it.each([
    ['a value of 7', { understand_1: '7' }, 'understand_1', 'Question 1 (understand_1) needs one of the five answers'],
    ['a value that is not a whole number', { analyze_1: '2.5' }, 'analyze_1', 'needs one of the five answers'],
    ['an item the wave does not ask', { understand_1: '3', relate_2: '4' }, 'relate_2', 'a field “relate_2” that this survey does not ask'],
    ['a field that is no item at all', { understand_1: '3', employee: 'E1' }, 'employee', 'a field “employee”'],
    ['an answer sent twice', { understand_1: ['3', '4'] }, 'understand_1', 'was sent more than once'],
    ['a comment over 2,000 characters', { understand_1: '3', comment: 'x'.repeat(2001) }, 'comment', 'longer than 2,000 characters'],
  ])('%s with 400 naming the field, writing nothing', async (_case, fields, field, message) => {
    const { waveId, invited } = await h.launch([{}], { kind: 'pulse', items: ['understand_1', 'analyze_1', 'enable_1'] });
    const response = await h.submit(invited[0].token, fields);
    expect(response.status).toBe(400);
    expect(response.text).toContain(field);
    expect(response.text).toContain(message);
    expect(await h.counts(waveId)).toEqual(nothingWritten);
  });

  it('keeps the valid answers of a refused submit chosen in the form shown again', async () => {
    const { invited } = await h.launch();
    const response = await h.submit(invited[0].token, { understand_1: '2', analyze_1: '0', comment: 'keep me' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('name="understand_1" value="2" checked>');
    expect(response.text).toContain('<fieldset id="q-analyze_1" class="invalid">');
    expect(response.text).toMatch(/<textarea [^>]*>keep me<\/textarea>/);
  });

  it('takes a comment of exactly 2,000 characters whose newlines the browser sent as CRLF', async () => {
    const { waveId, invited } = await h.launch();
    await h.answer(invited[0].token, { comment: `${'a'.repeat(999)}\r\n${'b'.repeat(1000)}` });
    const [{ length }] = await t.dataSource.query(`SELECT length(comment) AS length FROM responses WHERE wave_id = $1`, [waveId]);
    expect(length).toBe(2000);
  });

  it('a second submit politely with 409, and records nothing more', async () => {
    const { waveId, invited } = await h.launch();
    const csrf = await h.csrfOf(invited[0].token);
    await h.answer(invited[0].token, { understand_1: '4' });
    const second = await h.submit(invited[0].token, { understand_1: '1', analyze_1: '1' }, csrf);
    expect(second.status).toBe(409);
    expect(second.text).toContain('You have already answered');
    expect(await h.counts(waveId)).toEqual({ responses: 1, answers: 1, responded: 1 });
    // Opening the link again afterwards is no mistake: the same words, with 200.
    expect((await t.http.get(`/s/${invited[0].token}`).expect(200)).text).toContain('You have already answered');
  });

  it('all but one of ten simultaneous submits of one invitation', async () => {
    const { waveId, invited } = await h.launch();
    const csrf = await h.csrfOf(invited[0].token);
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, index) => h.submit(invited[0].token, { enable_2: String((index % 5) + 1) }, csrf).then((r) => r.status)));
    expect(statuses.filter((status) => status === 303)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(9);
    expect(await h.counts(waveId)).toEqual({ responses: 1, answers: 1, responded: 1 });
  });

  it('a closed wave with 410 and a page that says so, on GET and on submit', async () => {
    const { session, waveId, invited } = await h.launch();
    const csrf = await h.csrfOf(invited[0].token);
    await t.http.post(`/api/surveys/${waveId}/close`).set(await session.auth()).expect(200);
    const page = await t.http.get(`/s/${invited[0].token}`).expect(410);
    expect(page.text).toContain('This survey has closed');
    expect(page.headers['cache-control']).toBe('no-store');
    const submit = await h.submit(invited[0].token, { understand_1: '4' }, csrf);
    expect(submit.status).toBe(410);
    expect(await h.counts(waveId)).toEqual(nothingWritten);
  });

  it('a submit that arrives while the wave is being closed: it waits, then gets 410, and the close never deadlocks with it', async () => {
    const { waveId, invited } = await h.launch();
    const csrf = await h.csrfOf(invited[0].token);
    const closer = new Client({ connectionString: t.databaseUrl });
    await closer.connect();
    try {
      // What closing does, held open: the wave locked first, then every invitation of it.
      await closer.query('BEGIN');
      await closer.query(`SELECT id FROM survey_waves WHERE id = $1 FOR UPDATE`, [waveId]);
      const submitted = h.submit(invited[0].token, { understand_1: '4' }, csrf);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await closer.query(`SET LOCAL lock_timeout = '3s'`);
      await closer.query(`UPDATE invitations SET employee_id = NULL WHERE wave_id = $1`, [waveId]);
      await closer.query(`UPDATE survey_waves SET status = 'closed', closed_at = now() WHERE id = $1`, [waveId]);
      await closer.query('COMMIT');
      expect((await submitted).status).toBe(410);
    } finally {
      await closer.end();
    }
    expect(await h.counts(waveId)).toEqual(nothingWritten);
  });

  it('submits racing the close of their wave: each recorded before it or refused with 410, none lost or failed', async () => {
    const { session, waveId, invited } = await h.launch(Array.from({ length: 12 }, () => ({})));
    const csrfs = await Promise.all(invited.map((invitation) => h.csrfOf(invitation.token)));
    const auth = await session.auth();
    const [close, ...submits] = await Promise.all([
      t.http.post(`/api/surveys/${waveId}/close`).set(auth),
      ...invited.map((invitation, index) => h.submit(invitation.token, { understand_1: '3' }, csrfs[index])),
    ]);
    expect(close.status).toBe(200);
    const statuses = submits.map((response) => response.status);
    expect(statuses.filter((status) => status !== 303 && status !== 410)).toEqual([]);
    const recorded = statuses.filter((status) => status === 303).length;
    expect(await h.counts(waveId)).toEqual({ responses: recorded, answers: recorded, responded: recorded });
  });

  it('a wave past its closing time with 410, even before the worker closes it', async () => {
    const { waveId, invited } = await h.launch();
    const csrf = await h.csrfOf(invited[0].token);
    await t.dataSource.query(`UPDATE survey_waves SET opens_at = now() - interval '2 days', closes_at = now() - interval '1 minute' WHERE id = $1`, [waveId]);
    await t.http.get(`/s/${invited[0].token}`).expect(410);
    expect((await h.submit(invited[0].token, { understand_1: '4' }, csrf)).status).toBe(410);
    expect(await h.counts(waveId)).toEqual(nothingWritten);
  });

  it('a wave not yet open with 409 and the day it opens', async () => {
    const { invited } = await h.launch([{}], { opensAt: '2099-03-02T08:00:00Z', closesAt: '2099-03-20T08:00:00Z' });
    const page = await t.http.get(`/s/${invited[0].token}`).expect(409);
    expect(page.text).toContain('This survey has not opened yet');
    expect(page.text).toContain('2 March 2099');
  });

  it('an unknown or forged token with a 404 page, in the language the browser asks for', async () => {
    const { invited } = await h.launch();
    const forged = `${invited[0].token.split('.')[0]}.${'A'.repeat(32)}`;
    const stranger = invitationToken(t.config.secretKey!, '6f1c2a9e-1d1b-4c7e-9a51-3b0f4f2f8c11');
    for (const token of [forged, stranger, 'nonsense', `${invited[0].token}x`]) {
      const response = await t.http.get(`/s/${token}`).expect(404);
      expect(response.text).toContain('We could not find this survey');
      await t.http.post(`/s/${token}`).type('form').send('understand_1=3').expect(404);
      await t.http.get(`/s/${token}/unsubscribe`).expect(404);
    }
    const german = await t.http.get(`/s/${forged}`).set('Accept-Language', 'de-CH, de;q=0.9, en;q=0.5').expect(404);
    expect(german.text).toContain('Wir haben diese Befragung nicht gefunden');
  });

  it.each([
    ['no CSRF field', undefined],
    ['a wrong CSRF field', 'x'.repeat(43)],
    ['the CSRF field of another invitation', 'other'],
  ])('a submit with %s with 403, writing nothing', async (_case, csrf) => {
    const { waveId, invited } = await h.launch();
    const body = new URLSearchParams({ understand_1: '4' });
    if (csrf) body.set('csrf', csrf === 'other' ? await h.csrfOf(invited[1].token) : csrf);
    const response = await t.http.post(`/s/${invited[0].token}`).type('form').send(body.toString());
    expect(response.status).toBe(403);
    expect(response.text).toContain('nothing was recorded');
    expect(await h.counts(waveId)).toEqual(nothingWritten);
  });

  it('a form body over 64 kB with 413', async () => {
    const { invited } = await h.launch();
    const response = await t.http.post(`/s/${invited[0].token}`).type('form').send(`comment=${'x'.repeat(70_000)}`);
    expect(response.status).toBe(413);
  });
});
