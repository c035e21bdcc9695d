import { Module } from '@nestjs/common';
import { PeopleModule } from '@changepulse/people';
import { AnalyticsService } from './analytics.service';
import { AnalyticsExportService } from './export/analytics-export.service';
import { ReportService } from './report/report.service';

@Module({
  imports: [PeopleModule],
  providers: [AnalyticsService, AnalyticsExportService, ReportService],
  exports: [AnalyticsService, AnalyticsExportService, ReportService],
})
export class AnalyticsModule {}
