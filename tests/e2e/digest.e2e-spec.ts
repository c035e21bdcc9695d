import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PgBoss from 'pg-boss';
import { SYSTEM_ACTOR, UsersService } from '@changepulse/access';
import { enqueueWeeklyDigests, isoWeek } from '@changepulse/analytics';
import { JobQueue, QUEUES } from '@changepulse/core';
import { MarketsService, type MarketDto } from '@changepulse/people';
import { createTestApp, eventually, freePort, SmtpSink, startTestWorker, type TestApp, type TestSession, type TestWorker } from '@changepulse/testing';
import { loadProgressFixture } from '../support/analytics-fixture';
import { rawHeaders } from './mail-helpers';

/**
 * The weekly digest from the cron's job to the inbox: the job adds one delivery per leader per
 * week, the worker mails them through SMTP, each mail covers only the leader's markets and
 * carries a working unsubscribe link.
 */
describe('the weekly digest', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: TestWorker;
  let session: TestSession;
  let baseUrl: string;
  let controls: MarketDto[];
  const users: Record<'pilotLead' | 'controlLead' | 'optedOut', { id: string; email: string }> = {} as never;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    const port = await freePort();
    t = await createTestApp({ SMTP_URL: sink.url, APP_URL: `http://127.0.0.1:${port}` });
    baseUrl = await t.listen(port);
    worker = await startTestWorker(t.config);
    session = await t.session();
    controls = [await session.addMarket({ name: 'Control one' }), await session.addMarket({ name: 'Control two' })];
    await t.app.get(MarketsService).update(SYSTEM_ACTOR, session.market.code, { controls: controls.map((control) => control.code) });
    await loadProgressFixture(t.dataSource, { pilot: session.market, c1: controls[0], c2: controls[1] });
    const create = (email: string, name: string, markets: string[], weeklyDigest = true) =>
      t.app.get(UsersService).create(SYSTEM_ACTOR, { email, name, role: 'leader', markets, weeklyDigest });
    users.pilotLead = await create('petra.pilot@example.com', 'Petra Pilot', [session.market.code]);
    users.controlLead = await create('carl.control@example.com', 'Carl Control', [controls[0].code]);
    users.optedOut = await create('otto.out@example.com', 'Otto Out', [session.market.code], false);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.close();
  });

  /** Runs the digest job through pg-boss, as the Monday cron would, and waits for it to finish. */
  async function runDigestJob(): Promise<void> {
    const id = await t.app.get(JobQueue).send(QUEUES.analyticsDigest, {});
    const boss = worker.app.get(PgBoss);
    await eventually(async () => (await boss.getJobById(QUEUES.analyticsDigest, id))?.state === 'completed', 30_000, 'the digest job');
  }

  const digestRows = (): Promise<Array<{ userId: string; period: string; status: string }>> =>
    t.dataSource.query(`SELECT user_id AS "userId", period, status FROM deliveries WHERE kind = 'digest' ORDER BY user_id`);

  it('makes one delivery per leader per week, however often the job runs, and mails each once', async () => {
    await Promise.all([runDigestJob(), runDigestJob()]);
    await runDigestJob();
    const rows = await digestRows();
    expect(rows.map((row) => row.userId).sort()).toEqual([users.pilotLead.id, users.controlLead.id].sort());
    expect(rows.every((row) => row.period === isoWeek(new Date()))).toBe(true);

    await worker.deliveries.drain();
    await eventually(async () => (await digestRows()).every((row) => row.status === 'sent'), 30_000, 'digests sent');
    await runDigestJob();
    expect(await digestRows()).toHaveLength(2);
    expect(sink.mailsTo(users.pilotLead.email)).toHaveLength(1);
    expect(sink.mailsTo(users.controlLead.email)).toHaveLength(1);
    expect(sink.mailsTo(users.optedOut.email)).toHaveLength(0);
  });

  it("covers only the leader's own markets, in a text and an HTML part, with the dashboard link", async () => {
    const [pilotMail] = await eventually(async () => sink.mailsTo(users.pilotLead.email).length > 0 && sink.mailsTo(users.pilotLead.email), 30_000, 'the mail');
    const { subject, text, html } = pilotMail.parsed;
    writeFileSync(join(tmpdir(), 'changepulse-digest.txt'), `Subject: ${subject}\n\n${text}`);
    const pilot = session.market.code;
    expect(subject).toMatch(new RegExp(`: ${pilot}$`));
    expect(text).toContain(`Test market (${pilot}), pilot market`);
    expect(text).toContain(`${baseUrl}/dashboard/markets/${pilot}`);
    expect(text).toMatch(/CRM Leadership Index: now 33\.8% \(95% interval 30\.6–37\.0%\), baseline 25\.3%, target 38\.0%\./);
    expect(text).toMatch(/Progress toward the target: 67\.0%/);
    expect(text).toMatch(/Latest pulse round \(22 Jun 2026\): 67\.7% of the 130 people invited answered/);
    for (const part of [subject, text!, html as string]) {
      expect(part).not.toMatch(/Control one|Control two/);
      for (const control of controls) expect(part).not.toContain(`(${control.code})`);
    }
    expect(html).toContain(`href="${baseUrl}/dashboard/markets/${pilot}"`);
    expect(rawHeaders(pilotMail.raw)).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    const controlMail = sink.mailsTo(users.controlLead.email)[0].parsed;
    expect(controlMail.text).toContain(`Control one (${controls[0].code}), comparison market`);
    expect(controlMail.text).not.toContain(`(${pilot})`);
  });

  it('stops the digest from the link in the mail: the page changes nothing, its button does', async () => {
    const { text } = sink.mailsTo(users.pilotLead.email)[0].parsed;
    const link = /Stop the weekly digest: (\S+)/.exec(text!)![1];
    expect(link.startsWith(`${baseUrl}/dashboard/digest/unsubscribe/`)).toBe(true);
    expect(rawHeaders(sink.mailsTo(users.pilotLead.email)[0].raw)).toContain(`List-Unsubscribe: <${link}>`);
    const wants = async () => (await t.dataSource.query(`SELECT weekly_digest FROM users WHERE id = $1`, [users.pilotLead.id]))[0].weekly_digest;

    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Stop the weekly digest');
    expect(await wants()).toBe(true);

    const done = await fetch(link, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('The weekly digest is stopped');
    expect(await wants()).toBe(false);

    // Next week only the control leader gets one.
    const nextWeek = new Date(Date.now() + 7 * 86_400_000);
    expect(await enqueueWeeklyDigests(t.dataSource, nextWeek)).toBe(1);
    const next = await t.dataSource.query(`SELECT user_id FROM deliveries WHERE kind = 'digest' AND period = $1`, [isoWeek(nextWeek)]);
    expect(next).toEqual([{ user_id: users.controlLead.id }]);

    const forged = await fetch(link.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A')), { method: 'POST' });
    expect(forged.status).toBe(404);
  });
});
