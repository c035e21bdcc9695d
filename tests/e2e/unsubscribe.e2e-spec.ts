import { createTestApp, type TestApp } from '@changepulse/testing';
import { answerHelpers } from './answer-helpers';

/** Stopping pulses from an invitation's link: a page with a button, and RFC 8058 one-click. */
describe('unsubscribing from pulses', () => {
  let t: TestApp;
  let h: ReturnType<typeof answerHelpers>;
  beforeAll(async () => {
    t = await createTestApp();
    h = answerHelpers(t);
  });
  afterAll(() => t.close());

  const ONE_CLICK = 'List-Unsubscribe=One-Click';
  const pulse = { kind: 'pulse' };
  const mutes = async (employeeId: string) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM pulse_mutes m JOIN employees e ON e.id = m.employee_id WHERE e.employee_id = $1`, [employeeId]))[0].n;

  it('shows a page with a button that posts the one-click body, and the GET mutes nobody', async () => {
    const { invited } = await h.launch([{}], pulse);
    const response = await t.http.get(`/s/${invited[0].token}/unsubscribe`).expect(200);
    expect(response.text).toContain('Stop pulse surveys?');
    expect(response.text).toContain(`<form method="post" action="/s/${invited[0].token}/unsubscribe">`);
    expect(response.text).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(await mutes(invited[0].employeeId)).toBe(0);
  });

  it('mutes the invitation’s person on a one-click POST, once however often it comes', async () => {
    const { invited } = await h.launch([{}, {}], pulse);
    for (let round = 0; round < 2; round++) {
      const response = await t.http.post(`/s/${invited[0].token}/unsubscribe`).type('form').send(ONE_CLICK).expect(200);
      expect(response.text).toContain('You will get no more pulse surveys');
    }
    expect(await mutes(invited[0].employeeId)).toBe(1);
    expect(await mutes(invited[1].employeeId)).toBe(0);
    const page = await t.http.get(`/s/${invited[0].token}/unsubscribe`).expect(200);
    expect(page.text).toContain('You have already stopped pulse surveys');
  });

  it('keeps a muted person out of the next pulse of the market', async () => {
    const { session, invited } = await h.launch([{}, {}], pulse);
    await t.http.post(`/s/${invited[0].token}/unsubscribe`).type('form').send(ONE_CLICK).expect(200);
    const { body } = await t.http
      .post('/api/surveys')
      .set(await session.auth())
      .send({ kind: 'pulse', market: session.market.code, channels: ['email'], opensAt: new Date(Date.now() + 86_400_000 * 8).toISOString(), closesAt: new Date(Date.now() + 86_400_000 * 10).toISOString() })
      .expect(201);
    const launched = await t.http.post(`/api/surveys/${body.id}/launch`).set(await session.auth()).expect(200);
    expect(launched.body.invited).toBe(1);
  });

  it('refuses a POST without the one-click body with 400, muting nobody', async () => {
    const { invited } = await h.launch([{}], pulse);
    const response = await t.http.post(`/s/${invited[0].token}/unsubscribe`).type('form').send('unsubscribe=yes').expect(400);
    expect(response.text).toContain('List-Unsubscribe=One-Click');
    expect(await mutes(invited[0].employeeId)).toBe(0);
  });

  it('says the link expired once the wave closed and the link to the person was erased (410)', async () => {
    const { session, waveId, invited } = await h.launch([{}], pulse);
    await t.http.post(`/api/surveys/${waveId}/close`).set(await session.auth()).expect(200);
    await t.http.get(`/s/${invited[0].token}/unsubscribe`).expect(410);
    const response = await t.http.post(`/s/${invited[0].token}/unsubscribe`).type('form').send(ONE_CLICK).expect(410);
    expect(response.text).toContain('This link has expired');
    expect(await mutes(invited[0].employeeId)).toBe(0);
  });

  it('speaks German to a de-AT person', async () => {
    const { invited } = await h.launch([{ locale: 'de-AT' }], pulse);
    const page = await t.http.get(`/s/${invited[0].token}/unsubscribe`).expect(200);
    expect(page.text).toContain('<html lang="de">');
    expect(page.text).toContain('Pulsbefragungen abbestellen');
    const done = await t.http.post(`/s/${invited[0].token}/unsubscribe`).type('form').send(ONE_CLICK).expect(200);
    expect(done.text).toContain('Sie erhalten keine Pulsbefragungen mehr');
  });
});
