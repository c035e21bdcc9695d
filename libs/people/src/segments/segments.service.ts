import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EVERY_MARKET, hasAccess, requireAccess, type Actor, type MarketScope, type Permission } from '@changepulse/core';
import { EmployeesService } from '../employees/employees.service';
import type { EmployeePageDto } from '../employees/employee.dto';
import { CreateSegmentDto, SegmentDto, SegmentRulesDto, UpdateSegmentDto } from './segment.dto';
import { Segment, type SegmentRules } from './segment.entity';
import { segmentUsers } from './segment-users';

/** The markets a segment reaches: its market rule, or every market when it has none. */
export function segmentScope(rules: SegmentRules | undefined): MarketScope {
  return rules?.markets?.length ? rules.markets : EVERY_MARKET;
}

/** Saved audiences: rules over the directory, resolved to people when used. */
@Injectable()
export class SegmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly employees: EmployeesService,
  ) {}

  async create(actor: Actor, input: CreateSegmentDto): Promise<SegmentDto> {
    requireAccess(actor, 'segment.write', segmentScope(input.rules));
    return this.dataSource.transaction(async (manager) => {
      const rules = await checkRules(manager, input.rules);
      const segment = manager.create(Segment, { name: input.name, description: input.description ?? null, rules });
      return SegmentDto.from(await manager.save(segment));
    });
  }

  /** The segments whose markets all lie within the actor's. */
  async list(actor: Actor): Promise<SegmentDto[]> {
    requireAccess(actor, 'segment.read');
    const segments = await this.dataSource.getRepository(Segment).find({ order: { name: 'ASC' } });
    return segments.filter((segment) => hasAccess(actor, 'segment.read', segmentScope(segment.rules))).map((segment) => SegmentDto.from(segment));
  }

  async get(actor: Actor, id: string): Promise<SegmentDto> {
    requireAccess(actor, 'segment.read');
    return SegmentDto.from(await this.find(this.dataSource.manager, actor, 'segment.read', id));
  }

  async update(actor: Actor, id: string, input: UpdateSegmentDto): Promise<SegmentDto> {
    requireAccess(actor, 'segment.write');
    if (input.rules !== undefined) requireAccess(actor, 'segment.write', segmentScope(input.rules));
    return this.dataSource.transaction(async (manager) => {
      const segment = await this.find(manager, actor, 'segment.write', id, true);
      if (input.name !== undefined) segment.name = input.name;
      if (input.description !== undefined) segment.description = input.description;
      if (input.rules !== undefined) segment.rules = await checkRules(manager, input.rules);
      return SegmentDto.from(await manager.save(segment));
    });
  }

  /** Deletes a segment nothing uses; one a survey or a pulse programme uses is a 409 naming them. */
  async remove(actor: Actor, id: string): Promise<void> {
    requireAccess(actor, 'segment.write');
    await this.dataSource.transaction(async (manager) => {
      // The row lock waits for anything that is inserting a reference to it right now.
      const segment = await this.find(manager, actor, 'segment.write', id, true);
      const users = await segmentUsers(manager, id);
      if (users) throw new ConflictException(`Segment "${segment.name}" is used by ${users}; it cannot be deleted`);
      try {
        await manager.delete(Segment, { id });
      } catch (error) {
        // A table that points at segments and is not asked above (yet) still gets a 409, not a 500.
        if ((error as { driverError?: { code?: string } }).driverError?.code === '23503') {
          throw new ConflictException(`Segment "${segment.name}" is still in use; it cannot be deleted`);
        }
        throw error;
      }
    });
  }

  /** How many active people the segment holds now, and a page of them. */
  async preview(actor: Actor, id: string, page: number, pageSize: number): Promise<EmployeePageDto & { count: number }> {
    requireAccess(actor, 'segment.read');
    const segment = await this.find(this.dataSource.manager, actor, 'segment.read', id);
    const result = await this.employees.page(actor, { ...segment.rules, status: 'active' }, page, pageSize);
    return { count: result.total, ...result };
  }

  /** The segment if the actor may use it for `permission`: 404 when unknown, 403 when it reaches markets outside the actor's. */
  private async find(manager: EntityManager, actor: Actor, permission: Permission, id: string, lock = false): Promise<Segment> {
    const segment = await manager.findOne(Segment, { where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!segment) throw new NotFoundException(`No segment with id ${id}`);
    requireAccess(actor, permission, segmentScope(segment.rules));
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
