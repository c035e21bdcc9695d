import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { BreakdownBy } from './analytics.dto';

export const BREAKDOWN_BY: BreakdownBy[] = ['audience', 'department', 'manager'];

export class BreakdownQueryDto {
  @ApiProperty({ enum: BREAKDOWN_BY, description: 'audience (tier), department, or manager (team)' })
  @IsIn(BREAKDOWN_BY, { message: 'by must be one of: audience, department, manager' })
  by: BreakdownBy;

  @ApiPropertyOptional({ description: 'a wave id, "baseline", or "current" (the rolling pulse window; the default)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  wave: string = 'current';
}
