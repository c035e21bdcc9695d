import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

export const IMPORT_MODES = ['upsert', 'full'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'Check and report, write nothing', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({ enum: IMPORT_MODES, default: 'upsert', description: '`full` also marks people missing from the file as leavers' })
  @IsOptional()
  @IsIn(IMPORT_MODES)
  mode?: ImportMode;
}

export class ImportReportDto {
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ description: 'Marked as leavers because they were missing from a full import' }) deactivated: number;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ enum: IMPORT_MODES }) mode: ImportMode;
}

export class ImportErrorDto {
  @ApiProperty({ description: 'Line in the file (the header is line 1)', example: 7 }) row: number;
  @ApiProperty({ nullable: true, type: String, example: 'email', description: 'The column, or null for the whole row' }) column: string | null;
  @ApiProperty({ example: 'email "anna@" is not an email address' }) message: string;
}

export class ImportErrorsDto {
  @ApiProperty({ example: 422 }) statusCode: number;
  @ApiProperty({ example: 'The file has 2 problems; nothing was imported' }) message: string;
  @ApiProperty({ type: [ImportErrorDto] }) errors: ImportErrorDto[];
  @ApiProperty({ description: 'All problems found; `errors` lists the first 1,000' }) errorCount: number;
}
