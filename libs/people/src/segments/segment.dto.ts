import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsOptionalNotNull } from '@changepulse/core';
import { IsCalendarDate } from '../shared/decorators';
import { MARKET_CODE, TIER_KEY } from '../shared/validators';
import type { Segment } from './segment.entity';

export class SegmentRulesDto {
  @ApiPropertyOptional({ type: [String], example: ['DE'], description: 'Market codes' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(MARKET_CODE, { each: true, message: 'markets must hold market codes such as DE' })
  markets?: string[];

  @ApiPropertyOptional({ type: [String], example: ['telemarketer'], description: 'Audience tier keys' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(TIER_KEY, { each: true, message: 'audiences must hold audience tier keys such as telemarketer' })
  audiences?: string[];

  @ApiPropertyOptional({ type: [String], example: ['Customer Service'] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Length(1, 120, { each: true })
  departments?: string[];

  @ApiPropertyOptional({ example: 'E1001', description: "Everyone below this manager's employee id, at any depth" })
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 64)
  managerSubtree?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsBoolean()
  customerFacing?: boolean;

  @ApiPropertyOptional({ example: '2024-01-01', description: 'Hired on or after' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  hiredFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Hired on or before' })
  @IsOptionalNotNull()
  @IsCalendarDate()
  hiredTo?: string;
}

export class CreateSegmentDto {
  @ApiProperty({ example: 'DE telemarketers' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null clears it' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;

  @ApiProperty({ type: SegmentRulesDto })
  // ValidateNested alone lets a missing object through (and the service then fails on it).
  @IsObject({ message: 'rules must be an object such as {"markets":["DE"]}' })
  @ValidateNested()
  @Type(() => SegmentRulesDto)
  rules: SegmentRulesDto;
}

export class UpdateSegmentDto extends PartialType(CreateSegmentDto, { skipNullProperties: false }) {}

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
