import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * The one place where the environment is read. Each property names its variable in `@Env`
 * comments; `loadConfig()` fills it from `process.env`, validates it and stops the start on
 * the first bad value.
 */
export class AppConfig {
  /** PORT: the HTTP port of the API. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  port = 3000;

  /** DATABASE_URL: a PostgreSQL URL; when unset an embedded server is started under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: '$property must be a postgres:// URL' })
  databaseUrl?: string;

  /** APP_URL: the public base URL used in links (defaults to http://localhost:PORT). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  appUrl?: string;

  /** SECRET_KEY: signs tokens and links; generated once into DATA_DIR when unset. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  secretKey?: string;

  /** SMTP_URL: smtp:// or smtps:// server; when unset mails are written as .eml files. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: '$property must be an smtp:// or smtps:// URL' })
  smtpUrl?: string;

  /** MAIL_FROM: the sender of every mail. */
  @IsString()
  @MinLength(3)
  mailFrom = 'changepulse <no-reply@changepulse.local>';

  /** SLACK_BOT_TOKEN: the bot token (xoxb-…) of the Slack app. */
  @IsOptional()
  @Matches(/^xox[bp]-\S+$/, { message: '$property must be a Slack bot token (xoxb-…)' })
  slackBotToken?: string;

  /** SLACK_SIGNING_SECRET: verifies requests from Slack. */
  @IsOptional()
  @IsString()
  @MinLength(8)
  slackSigningSecret?: string;

  /** SLACK_API_URL: base URL of Slack's Web API (tests point it at a fake server). */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  slackApiUrl = 'https://slack.com/api/';

  /** ANONYMITY_MIN_GROUP: the smallest group any figure may describe. */
  @Transform(toInt)
  @IsInt()
  @Min(3)
  @Max(1000)
  anonymityMinGroup = 5;

  /** ANONYMITY_MIN_COMMENTS: the fewest respondents a group needs before its comments are shown. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(1000)
  anonymityMinComments = 10;

  /** ANALYTICS_WINDOW_DAYS: how far back "current" reaches over pulse rounds (widened until every item is covered). */
  @Transform(toInt)
  @IsInt()
  @Min(7)
  @Max(366)
  analyticsWindowDays = 28;

  /** DATA_DIR: where the embedded database, the generated secret and local mail live. */
  @IsString()
  @MinLength(1)
  dataDir = '.data';

  /** LOG_LEVEL: pino level. */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel = 'info';

  /** LOG_FORMAT: `json` or `pretty`; defaults to pretty on a terminal, JSON otherwise. */
  @IsOptional()
  @IsIn(['json', 'pretty'])
  logFormat?: 'json' | 'pretty';

  /** A copy pointing at another database (the launcher and the CLI fill it in once they know it). */
  withDatabaseUrl(url: string): AppConfig {
    return Object.assign(Object.create(AppConfig.prototype) as AppConfig, this, { databaseUrl: url });
  }

  /** The base URL for links, with APP_URL's default applied. */
  get publicUrl(): string {
    return (this.appUrl ?? `http://localhost:${this.port}`).replace(/\/+$/, '');
  }
}

/** Environment variable name for each config property. */
export const ENV_NAMES: Record<string, string> = {
  port: 'PORT',
  databaseUrl: 'DATABASE_URL',
  appUrl: 'APP_URL',
  secretKey: 'SECRET_KEY',
  smtpUrl: 'SMTP_URL',
  mailFrom: 'MAIL_FROM',
  slackBotToken: 'SLACK_BOT_TOKEN',
  slackSigningSecret: 'SLACK_SIGNING_SECRET',
  slackApiUrl: 'SLACK_API_URL',
  anonymityMinGroup: 'ANONYMITY_MIN_GROUP',
  anonymityMinComments: 'ANONYMITY_MIN_COMMENTS',
  analyticsWindowDays: 'ANALYTICS_WINDOW_DAYS',
  dataDir: 'DATA_DIR',
  logLevel: 'LOG_LEVEL',
  logFormat: 'LOG_FORMAT',
};
