import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule, ACCESS_ENTITIES } from '@changepulse/access';
import { AppConfig, ConfigModule, LoggerModule, QueueModule, requireDatabaseUrl } from '@changepulse/core';
import { dataSourceOptions } from '@changepulse/database';
import { PeopleModule, PEOPLE_ENTITIES } from '@changepulse/people';

/** The libs, without HTTP, for operator commands. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot('cli'),
        TypeOrmModule.forRoot(dataSourceOptions(requireDatabaseUrl(config), [...PEOPLE_ENTITIES, ...ACCESS_ENTITIES])),
        QueueModule.forRoot({ worker: false }),
        AccessModule,
        PeopleModule,
      ],
    };
  }
}
