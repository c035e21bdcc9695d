import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';

describe(loadConfig.name, () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'changepulse-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('applies the defaults when nothing is set', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({ port: 3000, anonymityMinGroup: 5, slackApiUrl: 'https://slack.com/api/', logLevel: 'info' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('generates SECRET_KEY once into DATA_DIR, readable only by its owner, and reuses it', () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.secretKey).toHaveLength(43);
    expect(second.secretKey).toBe(first.secretKey);
    expect(readFileSync(join(dataDir, 'secret-key'), 'utf8').trim()).toBe(first.secretKey);
    expect(statSync(join(dataDir, 'secret-key')).mode & 0o777).toBe(0o600);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: '8080',
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
      APP_URL: 'https://pulse.example.com/',
      SECRET_KEY: 'x'.repeat(40),
      SMTP_URL: 'smtp://mail:1025',
      MAIL_FROM: 'Pulse <pulse@example.com>',
      SLACK_BOT_TOKEN: 'xoxb-123',
      SLACK_SIGNING_SECRET: 'abcdefgh12',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      ANONYMITY_MIN_GROUP: '7',
    });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@127.0.0.1:5432/db', smtpUrl: 'smtp://mail:1025', anonymityMinGroup: 7 });
    expect(config.publicUrl).toBe('https://pulse.example.com');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['APP_URL', 'not a url'],
    ['SECRET_KEY', 'short'],
    ['SMTP_URL', 'http://mail'],
    ['SLACK_BOT_TOKEN', 'token'],
    ['SLACK_API_URL', 'ftp://x'],
    ['ANONYMITY_MIN_GROUP', '1'],
    ['ANONYMITY_MIN_GROUP', 'five'],
    ['LOG_LEVEL', 'loud'],
  ])('stops on a bad %s with one line naming it', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir, [name]: value });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`^Invalid configuration: ${name} `));
    expect(message).not.toContain('\n');
  });

  it('never echoes a secret in the error', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, SECRET_KEY: 'tooshort' })).toThrow(/SECRET_KEY .*\(hidden\)/);
  });
});
