import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { QUARTER_PATTERN } from './quarter';

export class ReportQueryDto {
  @ApiPropertyOptional({ example: '2026-Q4', description: 'A calendar quarter (UTC); defaults to the current one' })
  @IsOptional()
  @Matches(QUARTER_PATTERN, { message: 'quarter must look like 2026-Q4 (a year, "-Q" and 1 to 4)' })
  quarter?: string;
}
