import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { assertRole, type Actor } from '@changepulse/core';
import { DIRECTORY_READERS, EmployeesService } from '../employees/employees.service';
import type { EmployeePageDto } from '../employees/employee.dto';
import { CreateSegmentDto, SegmentDto, SegmentRulesDto, UpdateSegmentDto } from './segment.dto';
import { Segment, type SegmentRules } from './segment.entity';

/** Saved audiences: rules over the directory, resolved to people when used. */
@Injectable()
export class SegmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly employees: EmployeesService,
  ) {}

  async create(actor: Actor, input: CreateSegmentDto): Promise<SegmentDto> {
    assertRole(actor, ['admin', 'change_manager']);
    return this.dataSource.transaction(async (manager) => {
      const rules = await checkRules(manager, input.rules);
      const segment = manager.create(Segment, { name: input.name, description: input.description ?? null, rules });
      return SegmentDto.from(await manager.save(segment));
    });
  }

  async list(actor: Actor): Promise<SegmentDto[]> {
    assertRole(actor, [...DIRECTORY_READERS]);
    const segments = await this.dataSource.getRepository(Segment).find({ order: { name: 'ASC' } });
    return segments.map((segment) => SegmentDto.from(segment));
  }

  async get(actor: Actor, id: string): Promise<SegmentDto> {
    assertRole(actor, [...DIRECTORY_READERS]);
    return SegmentDto.from(await this.find(this.dataSource.manager, id));
  }

  async update(actor: Actor, id: string, input: UpdateSegmentDto): Promise<SegmentDto> {
    assertRole(actor, ['admin', 'change_manager']);
    return this.dataSource.transaction(async (manager) => {
      const segment = await this.find(manager, id);
      if (input.name !== undefined) segment.name = input.name;
      if (input.description !== undefined) segment.description = input.description;
      if (input.rules !== undefined) segment.rules = await checkRules(manager, input.rules);
      return SegmentDto.from(await manager.save(segment));
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertRole(actor, ['admin', 'change_manager']);
    const result = await this.dataSource.getRepository(Segment).delete({ id });
    if (!result.affected) throw new NotFoundException(`No segment with id ${id}`);
  }

  /** How many active people the segment holds now, and a page of them. */
  async preview(actor: Actor, id: string, page: number, pageSize: number): Promise<EmployeePageDto & { count: number }> {
    assertRole(actor, [...DIRECTORY_READERS]);
    const segment = await this.find(this.dataSource.manager, id);
    const result = await this.employees.page(actor, { ...segment.rules, status: 'active' }, page, pageSize);
    return { count: result.total, ...result };
  }

  private async find(manager: EntityManager, id: string): Promise<Segment> {
    const segment = await manager.findOneBy(Segment, { id });
    if (!segment) throw new NotFoundException(`No segment with id ${id}`);
    return segment;
  }
}

// Rules naming something that does not exist would silently match nobody: refuse them instead.
async function checkRules(manager: EntityManager, rules: SegmentRulesDto): Promise<SegmentRules> {
  const missing = async (table: string, column: string, values: string[] | undefined) => {
    if (!values?.length) return [];
    const rows: Array<{ value: string }> = await manager.query(`SELECT ${column} AS value FROM ${table} WHERE ${column} = ANY($1)`, [values]);
    const found = new Set(rows.map((row) => row.value));
    return values.filter((value) => !found.has(value));
  };
  const markets = await missing('markets', 'code', rules.markets);
  if (markets.length) throw new BadRequestException(`rules.markets: no market with code ${markets.join(', ')}`);
  const audiences = await missing('audience_tiers', 'key', rules.audiences);
  if (audiences.length) throw new BadRequestException(`rules.audiences: no audience tier ${audiences.join(', ')}`);
  const managers = await missing('employees', 'employee_id', rules.managerSubtree ? [rules.managerSubtree] : undefined);
  if (managers.length) throw new BadRequestException(`rules.managerSubtree: no employee with id ${managers[0]}`);
  if (rules.hiredFrom && rules.hiredTo && rules.hiredFrom > rules.hiredTo) throw new BadRequestException('rules.hiredTo: must not be before rules.hiredFrom');
  return { ...rules };
}
