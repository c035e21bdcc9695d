import { parsePreselection, parseSubmission } from './submission';

describe(parseSubmission.name, () => {
  const asked = new Set(['understand_1', 'analyze_1']);

  it('takes answers 1–5 of asked items and a trimmed comment, ignoring the CSRF field', () => {
    const result = parseSubmission({ csrf: 'x', understand_1: '5', comment: '  hello \r\n world ' }, asked);
    expect(result).toEqual({ ok: true, answers: new Map([['understand_1', 5]]), comment: 'hello \n world' });
  });

  it.each([
    [{ understand_1: '0' }, 'understand_1', 'not-a-value'],
    [{ understand_1: '6' }, 'understand_1', 'not-a-value'],
    [{ understand_1: ' 3' }, 'understand_1', 'not-a-value'],
    [{ understand_1: '' }, 'understand_1', 'not-a-value'],
    [{ enable_1: '3' }, 'enable_1', 'unknown-field'],
    [{ understand_1: ['1', '2'] }, 'understand_1', 'repeated'],
    [{ comment: 'x'.repeat(2001) }, 'comment', 'too-long'],
    [{}, '', 'empty'],
    [{ comment: ' \n ' }, '', 'empty'],
  ])('refuses %j naming %s', (body, field, problem) => {
    expect(parseSubmission(body, asked)).toMatchObject({ ok: false, field, problem });
  });

  it('counts a CRLF as one character, as the textarea’s maxlength does', () => {
    expect(parseSubmission({ comment: `${'a'.repeat(1000)}\r\n${'b'.repeat(999)}` }, asked).ok).toBe(true);
  });

  it('keeps the valid answers of a refused form, to show them again', () => {
    expect(parseSubmission({ understand_1: '2', analyze_1: '9' }, asked)).toMatchObject({ ok: false, field: 'analyze_1', answers: { understand_1: 2 } });
  });
});

describe(parsePreselection.name, () => {
  it('keeps asked items with values 1–5 and ignores everything else', () => {
    const asked = new Set(['understand_1', 'analyze_1']);
    expect(parsePreselection({ understand_1: '4', analyze_1: '7', enable_1: '3', utm_source: 'mail' }, asked)).toEqual({ understand_1: 4 });
    expect(parsePreselection({ understand_1: ['4', '5'] }, asked)).toEqual({});
  });
});
