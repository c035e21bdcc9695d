import { parseArgs, stringFlag, UsageError } from './args';

describe(parseArgs.name, () => {
  it('separates words and flags, with values inline or after', () => {
    expect(parseArgs(['employees', 'import', 'people.csv', '--dry-run', '--mode', 'full'])).toEqual({
      words: ['employees', 'import', 'people.csv'],
      flags: { 'dry-run': true, mode: 'full' },
    });
    expect(parseArgs(['token', 'create', '--role=admin', '--name', 'Ops team']).flags).toEqual({ role: 'admin', name: 'Ops team' });
  });

  it('never swallows the next word after a boolean flag', () => {
    expect(parseArgs(['employees', 'import', '--dry-run', 'people.csv']).words).toEqual(['employees', 'import', 'people.csv']);
  });

  it('says which flag is missing or lacks a value', () => {
    expect(() => stringFlag(parseArgs(['token', 'create']), 'role', true)).toThrow(new UsageError('--role is required'));
    expect(() => stringFlag(parseArgs(['token', 'create', '--role']), 'role', true)).toThrow(new UsageError('--role needs a value'));
  });
});
