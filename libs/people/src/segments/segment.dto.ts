import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../shared/decorators';
import { MARKET_CODE, TIER_KEY } from '../shared/validators';
import type { Segment } from './segment.entity';

export class SegmentRulesDto {
  @ApiPropertyOptional({ type: [String], example: ['DE'], description: 'Market codes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(MARKET_CODE, { each: true, message: 'markets must hold market codes such as DE' })
  markets?: string[];

  @ApiPropertyOptional({ type: [String], example: ['telemarketer'], description: 'Audience tier keys' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(TIER_KEY, { each: true, message: 'audiences must hold audience tier keys such as telemarketer' })
  audiences?: string[];

  @ApiPropertyOptional({ type: [String], example: ['Customer Service'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Length(1, 120, { each: true })
  departments?: string[];

  @ApiPropertyOptional({ example: 'E1001', description: "Everyone below this manager's employee id, at any depth" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  managerSubtree?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  customerFacing?: boolean;

  @ApiPropertyOptional({ example: '2024-01-01', description: 'Hired on or after' })
  @IsOptional()
  @IsCalendarDate()
  hiredFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Hired on or before' })
  @IsOptional()
  @IsCalendarDate()
  hiredTo?: string;
}

export class CreateSegmentDto {
  @ApiProperty({ example: 'DE telemarketers' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;

  @ApiProperty({ type: SegmentRulesDto })
  @ValidateNested()
  @Type(() => SegmentRulesDto)
  rules: SegmentRulesDto;
}

export class UpdateSegmentDto extends PartialType(CreateSegmentDto) {}

export class SegmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ type: SegmentRulesDto }) rules: SegmentRulesDto;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(segment: Segment): SegmentDto {
    return {
      id: segment.id,
      name: segment.name,
      description: segment.description,
      rules: segment.rules,
      createdAt: segment.createdAt.toISOString(),
      updatedAt: segment.updatedAt.toISOString(),
    };
  }
}
