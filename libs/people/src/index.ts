import { Employee } from './employees/employee.entity';
import { Market } from './markets/market.entity';
import { Segment } from './segments/segment.entity';
import { AudienceTier } from './tiers/tier.entity';

export * from './markets/market.entity';
export * from './markets/market.dto';
export * from './markets/markets.service';
export * from './tiers/tier.entity';
export * from './tiers/tier.dto';
export * from './tiers/tiers.service';
export * from './employees/employee.entity';
export * from './employees/employee.dto';
export * from './employees/employees.service';
export * from './employees/directory-query';
export * from './import/import.dto';
export * from './import/import-columns';
export * from './import/employee-import.service';
export * from './segments/segment.entity';
export * from './segments/segment.dto';
export * from './segments/segments.service';
export * from './shared/page.dto';
export * from './people.module';

/** The entities this lib owns. */
export const PEOPLE_ENTITIES = [Market, AudienceTier, Employee, Segment];
export * from './demo/demo-directory';
