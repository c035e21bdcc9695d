import { Module } from '@nestjs/common';
import { EmployeesService } from './employees/employees.service';
import { EmployeeImportService } from './import/employee-import.service';
import { MarketsService } from './markets/markets.service';
import { SegmentsService } from './segments/segments.service';
import { TiersService } from './tiers/tiers.service';

/** The directory. Needs TypeORM and a `JobQueue` provider from the app. */
@Module({
  providers: [MarketsService, TiersService, EmployeesService, EmployeeImportService, SegmentsService],
  exports: [MarketsService, TiersService, EmployeesService, EmployeeImportService, SegmentsService],
})
export class PeopleModule {}
