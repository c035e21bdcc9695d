import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { childProcessEnv, type AppConfig } from '@changepulse/core';
import { runMigrations } from '@changepulse/database';
import { firstRun } from './first-run';

const DIST = join(__dirname, '..', '..', '..');
const entry = (app: string) => join(DIST, app, 'src', 'main.js');

/**
 * `npm start`: the database (embedded unless DATABASE_URL is set), its migrations, then the API
 * and the worker as their own processes, as they run in production. Ctrl-C stops the API and the
 * worker first and the database last.
 */
export async function startCommand(config: AppConfig): Promise<number> {
  const database = config.databaseUrl ? null : await startDatabaseProcess(config);
  const url = database?.url ?? config.databaseUrl!;
  await runMigrations(url);
  const welcome = database ? await firstRun(config.withDatabaseUrl(url)) : '  Create a token: npm run cli -- token create --role admin --name YOU';

  const env = childProcessEnv({ DATABASE_URL: url });
  const children = [fork(entry('api'), [], { env }), fork(entry('worker'), [], { env })];
  // The banner comes once the API answers, so that it is the last thing on the screen.
  void waitForHealth(config.port, children).then((up) => up && process.stdout.write(banner(config, welcome)));

  return new Promise<number>((resolve) => {
    let stopping = false;
    let code = 0;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      for (const child of children) if (child.exitCode === null) child.kill(signal);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    let running = children.length;
    for (const child of children) {
      child.on('exit', (exitCode) => {
        // One half gone on its own means the product is down: stop the other half too.
        if (!stopping && exitCode !== 0) code = 1;
        stop('SIGTERM');
        if (--running > 0) return;
        void (database?.stop() ?? Promise.resolve()).then(() => resolve(code));
      });
    }
  });
}

async function waitForHealth(port: number, children: ChildProcess[]): Promise<boolean> {
  while (children.every((child) => child.exitCode === null)) {
    const status = await fetch(`http://127.0.0.1:${port}/health`).then((response) => response.status, () => 0);
    if (status === 200) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

interface DatabaseProcess {
  url: string;
  stop(): Promise<void>;
}

function startDatabaseProcess(config: AppConfig): Promise<DatabaseProcess> {
  const child: ChildProcess = fork(join(__dirname, '..', 'main.js'), ['db-server'], { detached: true, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (exitCode) => reject(new Error(`The embedded PostgreSQL under ${config.dataDir} did not start (exit ${exitCode})`)));
    child.once('message', (message: { url: string }) => {
      child.removeAllListeners('exit');
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      resolve({ url: message.url, stop: () => (child.kill('SIGTERM'), exited) });
    });
  });
}

function banner(config: AppConfig, welcome: string): string {
  const url = config.publicUrl;
  return [
    '',
    `  changepulse is running on ${url}`,
    `    health:   ${url}/health`,
    `    API docs: ${url}/api/docs`,
    welcome,
    '  Ctrl-C stops everything.',
    '',
    '',
  ].join('\n');
}
