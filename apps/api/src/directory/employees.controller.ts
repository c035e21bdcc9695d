/// <reference types="multer" />
import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '@changepulse/core';
import {
  EmployeeDto,
  EmployeeImportService,
  EmployeePageDto,
  EmployeeQueryDto,
  EmployeesService,
  IMPORT_COLUMNS,
  ImportErrorsDto,
  ImportQueryDto,
  ImportReportDto,
} from '@changepulse/people';
import { CurrentActor, RequirePermission } from '../auth/auth.decorators';

// About 350,000 people; the import holds the file and the directory in memory (see docs/BENCHMARKS.md).
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

@ApiTags('employees')
@ApiBearerAuth()
@Controller('api/employees')
export class EmployeesController {
  constructor(
    private readonly employees: EmployeesService,
    private readonly importer: EmployeeImportService,
  ) {}

  @Get()
  @RequirePermission('employee.read')
  @ApiOperation({ summary: 'List employees with filters and paging' })
  @ApiOkResponse({ type: EmployeePageDto })
  list(@CurrentActor() actor: Actor, @Query() query: EmployeeQueryDto): Promise<EmployeePageDto> {
    return this.employees.list(actor, query);
  }

  @Post('import')
  @RequirePermission('employee.import')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }))
  @ApiOperation({
    summary: 'Import employees from CSV, all or nothing',
    description: `Columns (header row, any order, UTF-8, "," or ";"): ${IMPORT_COLUMNS.join(', ')}. Required: employee_id, email, market, audience. A column left out of the file keeps its current values.`,
  })
  @ApiConsumes('multipart/form-data', 'text/csv')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: ImportReportDto })
  @ApiUnprocessableEntityResponse({ type: ImportErrorsDto, description: 'Every problem in the file; nothing was written' })
  import(@CurrentActor() actor: Actor, @Query() query: ImportQueryDto, @UploadedFile() file: Express.Multer.File | undefined, @Body() body: unknown): Promise<ImportReportDto> {
    const content = file?.buffer ?? (Buffer.isBuffer(body) ? body : undefined);
    if (!content || content.length === 0) throw new BadRequestException('file: send the CSV as the multipart field "file" or as a text/csv body');
    return this.importer.import(actor, content, query);
  }

  @Get(':employeeId')
  @RequirePermission('employee.read')
  @ApiOperation({ summary: "One employee, by the company's employee id" })
  @ApiOkResponse({ type: EmployeeDto })
  get(@CurrentActor() actor: Actor, @Param('employeeId') employeeId: string): Promise<EmployeeDto> {
    return this.employees.get(actor, employeeId);
  }
}
