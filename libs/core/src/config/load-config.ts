import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppConfig, ENV_NAMES } from './app-config';

/** A configuration problem; its message is one line that names the variable. */
export class ConfigError extends Error {}

/** Reads, validates and completes the configuration. Throws ConfigError on the first bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaults: Record<string, string> = {}): AppConfig {
  const raw: Record<string, string> = {};
  for (const [property, name] of Object.entries(ENV_NAMES)) {
    const value = env[name] || defaults[name];
    if (value !== undefined && value !== '') raw[property] = value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const [first] = errors;
    const name = ENV_NAMES[first.property] ?? first.property;
    const reason = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    const shown = name === 'SECRET_KEY' || name === 'SLACK_BOT_TOKEN' || name === 'SLACK_SIGNING_SECRET' ? '(hidden)' : JSON.stringify(raw[first.property]);
    throw new ConfigError(`Invalid configuration: ${name} ${reason.replace(/^\S+ /, '')} (got ${shown})`);
  }
  config.dataDir = resolve(config.dataDir);
  config.secretKey ??= readOrCreateSecret(config.dataDir);
  return config;
}

/**
 * The environment for a child process of ours (the API and the worker under `npm start`, the
 * processes tests and benchmarks start): ours, without the variables named in `without`.
 */
export function childProcessEnv(overrides: Record<string, string>, without: (name: string) => boolean = () => false): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!without(name)) env[name] = value;
  return { ...env, ...overrides };
}

// Kept in DATA_DIR so links and tokens signed before a restart stay valid after it.
function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process (the API or the worker) wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
  return secret;
}
