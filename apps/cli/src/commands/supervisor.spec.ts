import { spawn } from 'node:child_process';
import type { Logger } from 'pino';
import { restartDelaySeconds, Supervised } from './supervisor';

describe(Supervised.name, () => {
  it('backs off 1, 2, 4 … seconds, capped at 30', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 9].map(restartDelaySeconds)).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
  });

  it('starts a process that was killed again after a second, saying which and how, and stops it for good', async () => {
    const lines: string[] = [];
    const log = { warn: (_fields: object, line: string) => lines.push(line) } as unknown as Logger;
    const started: number[] = [];
    const sleeper = new Supervised({
      name: 'sleeper',
      spawn: () => spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 60000)']),
      log,
      restarts: () => true,
      onStarted: (child) => started.push(child.pid!),
    });
    sleeper.start();
    process.kill(started[0], 'SIGKILL');
    const deadline = Date.now() + 5000;
    while (started.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));

    expect(started).toHaveLength(2);
    expect(lines).toEqual([`sleeper (pid ${started[0]}) ended with signal SIGKILL; restarting in 1 s`]);
    await sleeper.stop('SIGTERM');
    expect(sleeper.child!.signalCode).toBe('SIGTERM');
    expect(started).toHaveLength(2);
  });

  it('does not restart a process that died while the product was still starting', async () => {
    const gaveUp: string[] = [];
    const failing = new Supervised({
      name: 'api',
      spawn: () => spawn(process.execPath, ['-e', 'process.exit(3)']),
      log: {} as Logger,
      restarts: () => false,
      onGaveUp: (how) => gaveUp.push(how),
    });
    failing.start();
    await new Promise((resolve) => failing.child!.once('exit', resolve));
    expect(gaveUp).toEqual(['exit code 3']);
  });
});
