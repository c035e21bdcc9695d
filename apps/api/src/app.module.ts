import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule, ACCESS_ENTITIES } from '@changepulse/access';
import { AnalyticsModule } from '@changepulse/analytics';
import { AllExceptionsFilter, AppConfig, ConfigModule, LoggerModule, QueueModule, requireDatabaseUrl } from '@changepulse/core';
import { dataSourceOptions } from '@changepulse/database';
import { PeopleModule, PEOPLE_ENTITIES } from '@changepulse/people';
import { SurveysModule, SURVEY_ENTITIES } from '@changepulse/surveys';
import { AnalyticsController } from './analytics/analytics.controller';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { EmployeesController } from './directory/employees.controller';
import { MarketsController } from './directory/markets.controller';
import { SegmentsController } from './directory/segments.controller';
import { TiersController } from './directory/tiers.controller';
import { HealthController } from './health/health.controller';
import { InstrumentsController } from './surveys/instruments.controller';
import { SurveysController } from './surveys/surveys.controller';
import { PulseProgrammesController } from './surveys/pulse-programmes.controller';
import { TokensController } from './tokens/tokens.controller';
import { AnswerPagesController } from './web/answer-pages.controller';
import { ReportController } from './reports/report.controller';
import { DigestUnsubscribeController } from './reports/digest-unsubscribe.controller';
import { UsersController } from './users/users.controller';
import { AssetsController } from './dashboard/assets.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { SignInController } from './dashboard/sign-in.controller';

/** The HTTP app: controllers over the domain libs, a token on every route, the API only enqueues. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot('api'),
        TypeOrmModule.forRoot({ ...dataSourceOptions(requireDatabaseUrl(config), [...PEOPLE_ENTITIES, ...ACCESS_ENTITIES, ...SURVEY_ENTITIES]), retryAttempts: 3, retryDelay: 1000 }),
        QueueModule.forRoot({ worker: false }),
        TerminusModule.forRoot({ logger: false }),
        AccessModule,
        PeopleModule,
        SurveysModule,
        AnalyticsModule,
      ],
      controllers: [HealthController, AnalyticsController, MarketsController, TiersController, EmployeesController, SegmentsController, TokensController, InstrumentsController, SurveysController, PulseProgrammesController, AnswerPagesController, ReportController, DigestUnsubscribeController, UsersController, SignInController, DashboardController, AssetsController],
      providers: [
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
