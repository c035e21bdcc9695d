import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';
import { join } from 'node:path';
import { childProcessEnv, ENV_NAMES } from '@changepulse/core';

export { freePort } from '@changepulse/core';

/** The built entry points (`npm test` builds first). */
export const DIST = join(__dirname, '..', '..', '..', 'dist', 'apps');
export const CLI = join(DIST, 'cli', 'src', 'main.js');
export const API = join(DIST, 'api', 'src', 'main.js');

/** The environment without the variables a test must choose itself. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return childProcessEnv(extra, (name) => name in ENV_VARIABLES || name.startsWith('TEST_'));
}

const ENV_VARIABLES = Object.fromEntries(Object.values(ENV_NAMES).map((name) => [name, true]));

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built command to the end. */
export function runNode(script: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A long-running process whose output is collected. */
export class Running {
  output = '';
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk) => (this.output += chunk));
    child.stderr?.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static start(script: string, args: string[], options: SpawnOptions): Running {
    return new Running(spawn(process.execPath, [script, ...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] }));
  }
}


/** Polls until `check` holds (or throws after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check().catch(() => undefined);
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
