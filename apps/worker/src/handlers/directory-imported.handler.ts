import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { QUEUES } from '@changepulse/core';

/**
 * After a directory import. Today it records the outcome in the log (counts only, never people);
 * lifecycle messages (new hire, change of tier) will start here.
 */
@Injectable()
export class DirectoryImportedHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger(DirectoryImportedHandler.name);

  constructor(
    private readonly boss: PgBoss,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.work<{ importId: string }>(QUEUES.directoryImported, { batchSize: 10 }, async (jobs) => {
      for (const job of jobs) await this.handle(job.data.importId);
    });
  }

  async handle(importId: string): Promise<void> {
    const [row] = await this.dataSource.query(`SELECT mode, rows, created, updated, unchanged, deactivated FROM directory_imports WHERE id = $1`, [importId]);
    if (!row) return; // rolled back or deleted since: nothing to do
    this.logger.log({ importId, ...row }, 'Directory import processed');
  }
}
