import { classifySmtpFailure } from './smtp-failure';

const failure = (fields: object) => Object.assign(new Error('failed'), fields);

describe(classifySmtpFailure.name, () => {
  it.each([
    ['a 421 reply', { code: 'EENVELOPE', responseCode: 421, response: '421 4.4.2 try later' }, false],
    ['a 450 mailbox busy', { code: 'EENVELOPE', responseCode: 450, response: '450 busy' }, false],
    ['a 550 unknown user', { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 no such user' }, true],
    ['a 554 on the message', { code: 'EMESSAGE', responseCode: 554, response: '554 rejected' }, true],
    ['a refused connection', { code: 'ESOCKET' }, false],
    ['a lost connection', { code: 'ECONNECTION' }, false],
    ['a timeout', { code: 'ETIMEDOUT' }, false],
    ['bad credentials (our side, even with a 535)', { code: 'EAUTH', responseCode: 535, response: '535 bad auth' }, false],
    ['no valid recipient', { code: 'EENVELOPE' }, true],
  ])('classifies %s', (_what, fields, permanent) => {
    expect(classifySmtpFailure(failure(fields))).toMatchObject({ ok: false, permanent });
  });

  it('keeps the server reply on one line as the error', () => {
    const result = classifySmtpFailure(failure({ responseCode: 421, response: '421 4.4.2\r\n closing' }));
    expect(result.error).toBe('421 4.4.2 closing');
  });
});
