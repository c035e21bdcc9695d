import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsOptionalNotNull } from '@changepulse/core';
import { CHANNELS, WAVE_KINDS, WAVE_STATUSES, type Channel, type WaveKind, type WaveStatus } from './wave.entity';

export class CreateSurveyDto {
  @ApiProperty({ enum: WAVE_KINDS })
  @IsIn(WAVE_KINDS)
  kind: WaveKind;

  @ApiProperty({ example: 'DE', description: 'Market code' })
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,15}$/, { message: 'market must be a market code such as DE' })
  market: string;

  @ApiPropertyOptional({ example: 'Baseline, spring 2026', description: 'Defaults to the kind and market' })
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the people of this segment (within the market)' })
  @IsOptionalNotNull()
  @IsUUID()
  segment?: string;

  @ApiProperty({ enum: CHANNELS, isArray: true, example: ['email'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(CHANNELS, { each: true })
  channels: Channel[];

  @ApiProperty({ example: '2026-12-01T08:00:00Z' })
  @IsISO8601({ strict: true })
  opensAt: string;

  @ApiProperty({ example: '2026-12-15T17:00:00Z' })
  @IsISO8601({ strict: true })
  closesAt: string;

  @ApiPropertyOptional({ type: [String], example: ['understand_1', 'analyze_2', 'relate_3', 'invent_1', 'enable_2'], description: 'Pulses: the items to ask (default one per value). A baseline asks every item.' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @Matches(/^[a-z][a-z0-9_]{1,39}$/, { each: true, message: 'items must hold item codes such as understand_1' })
  items?: string[];

  @ApiPropertyOptional({ type: [String], example: ['2026-12-13T08:00:00Z'], description: 'When to remind those who have not answered (default: two days before closing)' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(5)
  @IsISO8601({ strict: true }, { each: true })
  reminders?: string[];
}

export class SurveyQueryDto {
  @ApiPropertyOptional({ example: 'DE' })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,15}$/, { message: 'market must be a market code such as DE' })
  market?: string;

  @ApiPropertyOptional({ enum: WAVE_STATUSES })
  @IsOptional()
  @IsIn(WAVE_STATUSES)
  status?: WaveStatus;
}

export class GroupRateDto {
  @ApiProperty({ example: 'telemarketer' }) key: string;
  @ApiPropertyOptional({ description: 'Present (true) when the group is under the anonymity threshold: then no figure is given' }) suppressed?: true;
  @ApiPropertyOptional() invited?: number;
  @ApiPropertyOptional() responded?: number;
  @ApiPropertyOptional({ description: '0–1' }) responseRate?: number;
}

export class SurveyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: WAVE_KINDS }) kind: WaveKind;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'DE' }) market: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) segment: string | null;
  @ApiProperty({ enum: WAVE_STATUSES }) status: WaveStatus;
  @ApiProperty({ enum: CHANNELS, isArray: true }) channels: Channel[];
  @ApiProperty({ type: [String] }) items: string[];
  @ApiProperty() opensAt: string;
  @ApiProperty() closesAt: string;
  @ApiProperty({ type: [String] }) reminders: string[];
  @ApiProperty({ nullable: true, type: String }) launchedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ description: 'People invited (0 before launch)' }) invited: number;
  @ApiProperty() responded: number;
  @ApiProperty({ description: '0–1; 0 when nobody was invited' }) responseRate: number;
}

export class SurveyDetailDto extends SurveyDto {
  @ApiProperty({ type: [GroupRateDto], description: 'Per audience tier' }) byTier: GroupRateDto[];
  @ApiProperty({ type: [GroupRateDto], description: 'Per department' }) byDepartment: GroupRateDto[];
}
