import { signInMail } from './sign-in-mail';

describe(signInMail.name, () => {
  const mail = signInMail({
    name: 'Anna <b>Schmidt</b>',
    url: 'https://pulse.example.com/dashboard/sign-in/abc_DEF-123',
    requestUrl: 'https://pulse.example.com/dashboard/sign-in',
    expiresAt: new Date('2026-11-25T14:32:00Z'),
  });

  it('says who it is from, gives the link, its limits, and what to do if it was not you', () => {
    expect(mail.subject).toBe('Your sign-in link for the changepulse dashboard');
    expect(mail.text).toContain('Hello Anna <b>Schmidt</b>,');
    expect(mail.text).toContain('\nhttps://pulse.example.com/dashboard/sign-in/abc_DEF-123\n');
    expect(mail.text).toContain('The link works once, for 15 minutes (until 14:32 UTC).');
    expect(mail.text).toContain('If you did not ask to sign in, you can ignore this mail');
    expect(mail.text).toContain('changepulse, for your CRM change team');
  });

  it('escapes the name in the HTML part and links the button and the fallback address', () => {
    expect(mail.html).toContain('Hello Anna &#60;b&#62;Schmidt&#60;/b&#62;,');
    expect(mail.html).toContain('href="https://pulse.example.com/dashboard/sign-in/abc_DEF-123"');
    expect(mail.html).toContain('copy this address into your browser: https://pulse.example.com/dashboard/sign-in/abc_DEF-123');
  });
});
