import { Module } from '@nestjs/common';
import { PeopleModule } from '@changepulse/people';
import { AnalyticsService } from './analytics.service';
import { AnalyticsExportService } from './export/analytics-export.service';

@Module({
  imports: [PeopleModule],
  providers: [AnalyticsService, AnalyticsExportService],
  exports: [AnalyticsService, AnalyticsExportService],
})
export class AnalyticsModule {}
