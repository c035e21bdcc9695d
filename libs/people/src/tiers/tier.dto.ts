import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsInt, IsString, Length, Matches, Min } from 'class-validator';
import { IsOptionalNotNull } from '@changepulse/core';
import { TIER_KEY } from '../shared/validators';
import type { AudienceTier } from './tier.entity';

export class CreateTierDto {
  @ApiProperty({ example: 'field_sales', description: 'Stable key used in imports and rules' })
  @Matches(TIER_KEY, { message: 'key must be 2–40 lower-case letters, digits or _, starting with a letter' })
  key: string;

  @ApiProperty({ example: 'Field sales' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ minimum: 1, description: 'Position on the ladder (1 = top); defaults to the bottom' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  rank?: number;
}

export class UpdateTierDto {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'Move the tier to this position; the others shift' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  rank?: number;
}

export class ReorderTiersDto {
  @ApiProperty({ type: [String], description: 'Every tier key, top first', example: ['executive', 'manager', 'back_office', 'telemarketer'] })
  @IsArray()
  @ArrayMinSize(1)
  @Matches(TIER_KEY, { each: true, message: 'keys must hold tier keys' })
  keys: string[];
}

export class TierDto {
  @ApiProperty({ example: 'telemarketer' }) key: string;
  @ApiProperty({ example: 'Telemarketers' }) name: string;
  @ApiProperty({ example: 4, description: '1 is the top of the ladder' }) rank: number;
  @ApiProperty({ description: 'Active employees in the tier' }) activeEmployees: number;

  static from(tier: AudienceTier, activeEmployees: number): TierDto {
    return { key: tier.key, name: tier.name, rank: tier.rank, activeEmployees };
  }
}
