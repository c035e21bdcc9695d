import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsISO8601, IsObject, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { IsOptionalNotNull } from '@changepulse/core';
import type { PulseProgramme } from './programme.entity';
import { IsPulseCadence, IsTierCadences } from './cadence-validators';

export class CreateProgrammeDto {
  @ApiProperty({ example: 'DE', description: 'Market code' })
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,15}$/, { message: 'market must be a market code such as DE' })
  market: string;

  @ApiProperty({ example: 'Weekly pulse DE' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the people of this segment (within the market)' })
  @IsOptionalNotNull()
  @IsUUID()
  segment?: string;

  @ApiProperty({
    example: 'FREQ=WEEKLY;BYDAY=MO',
    description:
      'RFC 5545 rule over dates: FREQ=DAILY, WEEKLY or MONTHLY; INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, UNTIL=YYYYMMDD, WKST ' +
      '(no DTSTART: see startsOn; no time: see localTime)',
  })
  @IsString()
  @Length(5, 500)
  @IsPulseCadence()
  rrule: string;

  @ApiPropertyOptional({ example: { telemarketer: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', executive: 'FREQ=MONTHLY;BYDAY=1MO' }, description: 'Cadences that differ by audience tier' })
  @IsOptionalNotNull()
  @IsObject()
  @IsTierCadences()
  tierRrules?: Record<string, string>;

  @ApiPropertyOptional({ example: '09:00', default: '09:00', description: "Local time, in each person's own time zone" })
  @IsOptionalNotNull()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'localTime must be HH:MM such as 09:00' })
  localTime?: string;

  @ApiPropertyOptional({ default: 5, minimum: 1, maximum: 15, description: 'Items per round; 5 is one per value' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(15)
  itemsPerRound?: number;

  @ApiPropertyOptional({ default: 3, minimum: 1, maximum: 14, description: 'Days a round stays open' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(14)
  openDays?: number;

  @ApiProperty({ example: '2026-12-07', description: 'First possible round date' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startsOn must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'startsOn must be a date that exists, such as 2026-12-07' })
  startsOn: string;
}

export class UpdateProgrammeDto extends PartialType(
  PickType(CreateProgrammeDto, ['name', 'rrule', 'tierRrules', 'localTime', 'itemsPerRound', 'openDays'] as const),
  { skipNullProperties: false },
) {
  @ApiPropertyOptional({ description: 'false pauses the programme' })
  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class UpcomingRoundDto {
  @ApiProperty({ example: '2026-12-07' }) date: string;
  @ApiProperty({ type: [String], example: ['manager', 'back_office'] }) tiers: string[];
  @ApiProperty({ type: [String] }) items: string[];
}

export class ProgrammeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() market: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) segment: string | null;
  @ApiProperty() rrule: string;
  @ApiProperty() tierRrules: Record<string, string>;
  @ApiProperty() localTime: string;
  @ApiProperty() itemsPerRound: number;
  @ApiProperty() openDays: number;
  @ApiProperty() startsOn: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'Rounds created so far' }) rounds: number;
  @ApiProperty({ type: [UpcomingRoundDto], description: 'The next rounds, with who and what they ask' }) upcoming: UpcomingRoundDto[];

  static from(programme: PulseProgramme, market: string, rounds: number, upcoming: UpcomingRoundDto[]): ProgrammeDto {
    const { id, name, segmentId, rrule, tierRrules, localTime, itemsPerRound, openDays, startsOn, active } = programme;
    return { id, market, name, segment: segmentId, rrule, tierRrules, localTime, itemsPerRound, openDays, startsOn, active, rounds, upcoming };
  }
}
