import { fork } from 'node:child_process';
import { join } from 'node:path';
import { childProcessEnv, type AppConfig } from '@changepulse/core';
import { runMigrations } from '@changepulse/database';
import { firstRun } from './first-run';
import { launcherLogger, PidFile, Supervised, type SupervisedOptions } from './supervisor';

const DIST = join(__dirname, '..', '..', '..');
const entry = (app: string) => join(DIST, app, 'src', 'main.js');

/**
 * `npm start`: the database (embedded unless DATABASE_URL is set), its migrations, then the API
 * and the worker as their own processes, as they run in production. Once the API has answered,
 * each of the three is supervised: one that dies is started again with a backoff while the
 * others keep serving. Ctrl-C stops the API and the worker first and the database last.
 */
export async function startCommand(config: AppConfig): Promise<number> {
  const log = launcherLogger(config, 'launcher');
  const pids = new PidFile(config.dataDir);
  let up = false; // until the API first answers, a death means the start failed: no restarts
  let stopping = false;
  let finished: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (finished = resolve));
  const apps: Supervised[] = [];
  let database: DatabaseProcess | null = null;
  const stop = async (signal: NodeJS.Signals, code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(apps.map((app) => app.stop(signal)));
    await database?.server.stop('SIGTERM', 60_000);
    pids.remove();
    finished(code);
  };
  const gaveUp = (name: string) => (how: string) => {
    log.error(`${name} ended with ${how} while starting; stopping`);
    void stop('SIGTERM', 1);
  };
  const common = { log, restarts: () => up && !stopping };

  database = config.databaseUrl ? null : await startDatabaseProcess(config, { ...common, name: 'database', onGaveUp: gaveUp('database'), pids });
  const url = database?.url ?? config.databaseUrl!;
  await runMigrations(url);
  const welcome = database ? await firstRun(config.withDatabaseUrl(url)) : '  Create a token: npm run cli -- token create --role admin --name YOU';

  const env = childProcessEnv({ DATABASE_URL: url });
  for (const name of ['api', 'worker']) {
    const app = new Supervised({
      ...common,
      name,
      spawn: () => fork(entry(name), [], { env }),
      onStarted: (child) => pids.set(name, child.pid),
      onGaveUp: gaveUp(name),
    });
    apps.push(app);
    app.start();
  }
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  // The banner comes once the API answers, so that it is the last thing on the screen.
  void waitForHealth(config.port, () => stopping).then((answered) => {
    if (!answered) return;
    up = true;
    process.stdout.write(banner(config, welcome));
  });
  return done;
}

async function waitForHealth(port: number, stopping: () => boolean): Promise<boolean> {
  while (!stopping()) {
    const status = await fetch(`http://127.0.0.1:${port}/health`).then((response) => response.status, () => 0);
    if (status === 200) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

interface DatabaseProcess {
  url: string;
  server: Supervised;
}

/**
 * The db-server child (it restarts PostgreSQL itself when the server dies). Should the child
 * itself die, it is started again on the same port, taking over the server it left behind.
 */
function startDatabaseProcess(config: AppConfig, options: Omit<SupervisedOptions, 'spawn'> & { pids: PidFile }): Promise<DatabaseProcess> {
  let port: number | undefined;
  const server = new Supervised({
    ...options,
    spawn: () =>
      fork(join(__dirname, '..', 'main.js'), ['db-server', ...(port ? ['--port', String(port)] : [])], {
        detached: true,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    onStarted: (child) => options.pids.set('database', child.pid),
  });
  const child = server.start();
  return new Promise((resolve, reject) => {
    const failed = (exitCode: number | null) => reject(new Error(`The embedded PostgreSQL under ${config.dataDir} did not start (exit ${exitCode})`));
    child.once('exit', failed);
    child.once('message', (message: { url: string }) => {
      child.removeListener('exit', failed);
      port = Number(new URL(message.url).port);
      resolve({ url: message.url, server });
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
