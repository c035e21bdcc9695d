import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, ConfigModule, LoggerModule, QueueModule, requireDatabaseUrl } from '@changepulse/core';
import { dataSourceOptions } from '@changepulse/database';
import { PEOPLE_ENTITIES } from '@changepulse/people';
import { SurveyMailComposer, SurveysModule, SURVEY_ENTITIES } from '@changepulse/surveys';
import { DeliveryModule } from '@changepulse/delivery';
import { AccessModule, ACCESS_ENTITIES } from '@changepulse/access';
import { AnalyticsModule, DigestComposer } from '@changepulse/analytics';
import { DirectoryImportedHandler } from './handlers/directory-imported.handler';
import { SurveysTickHandler } from './handlers/surveys-tick.handler';
import { DeliveriesDueHandler } from './handlers/deliveries-due.handler';
import { AnalyticsRefreshHandler } from './handlers/analytics-refresh.handler';
import { DigestHandler } from './handlers/digest.handler';
import { SessionsCleanupHandler } from './handlers/sessions-cleanup.handler';

/** pg-boss handlers; no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot('worker'),
        TypeOrmModule.forRoot(dataSourceOptions(requireDatabaseUrl(config), [...PEOPLE_ENTITIES, ...ACCESS_ENTITIES, ...SURVEY_ENTITIES])),
        QueueModule.forRoot({ worker: true }),
        SurveysModule,
        AccessModule,
        DeliveryModule.forRoot({ composers: [SurveyMailComposer, DigestComposer], imports: [AnalyticsModule] }),
      ],
      providers: [DirectoryImportedHandler, SurveysTickHandler, DeliveriesDueHandler, AnalyticsRefreshHandler, DigestHandler, SessionsCleanupHandler],
    };
  }
}
