import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQueryDto } from '../shared/page.dto';
import { MARKET_CODE, TIER_KEY } from '../shared/validators';
import { EMPLOYEE_STATUSES, type EmployeeStatus } from './employee.entity';

export class EmployeeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'DE', description: 'Market code' })
  @IsOptional()
  @Matches(MARKET_CODE, { message: 'market must be a market code such as DE' })
  market?: string;

  @ApiPropertyOptional({ example: 'telemarketer', description: 'Audience tier key' })
  @IsOptional()
  @Matches(TIER_KEY, { message: 'audience must be an audience tier key such as telemarketer' })
  audience?: string;

  @ApiPropertyOptional({ example: 'Customer Service' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  department?: string;

  @ApiPropertyOptional({ example: 'E1001', description: "The manager's employee id: lists their direct reports" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  manager?: string;

  @ApiPropertyOptional({ description: 'Searches names, email and employee id' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ enum: [...EMPLOYEE_STATUSES, 'all'], default: 'active' })
  @IsOptional()
  @IsIn([...EMPLOYEE_STATUSES, 'all'])
  status?: EmployeeStatus | 'all';

  @ApiPropertyOptional({ description: 'Only customer-facing (true) or only other (false) employees' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  customerFacing?: boolean;
}

export class EmployeeDto {
  @ApiProperty({ example: 'E1001', description: "The company's employee id" }) employeeId: string;
  @ApiProperty({ example: 'anna.schmidt@example.com' }) email: string;
  @ApiProperty({ nullable: true, type: String }) firstName: string | null;
  @ApiProperty({ nullable: true, type: String }) lastName: string | null;
  @ApiProperty({ example: 'DE', description: 'Market code' }) market: string;
  @ApiProperty({ nullable: true, type: String }) department: string | null;
  @ApiProperty({ nullable: true, type: String }) jobTitle: string | null;
  @ApiProperty({ example: 'manager', description: 'Audience tier key' }) audience: string;
  @ApiProperty({ nullable: true, type: String, description: "The manager's employee id" }) managerId: string | null;
  @ApiProperty({ nullable: true, type: String }) slackUserId: string | null;
  @ApiProperty({ example: 'de-DE', description: "The person's locale, else the market's" }) locale: string;
  @ApiProperty({ example: 'Europe/Berlin', description: "The person's time zone, else the market's" }) timezone: string;
  @ApiProperty({ nullable: true, type: String, example: '2021-04-01' }) hireDate: string | null;
  @ApiProperty({ enum: EMPLOYEE_STATUSES }) status: EmployeeStatus;
  @ApiProperty() customerFacing: boolean;
}

export class EmployeePageDto {
  @ApiProperty({ type: [EmployeeDto] }) items: EmployeeDto[];
  @ApiProperty({ description: 'How many match the filters in all' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
