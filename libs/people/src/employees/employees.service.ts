import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireAccess, type Actor } from '@changepulse/core';
import { DIRECTORY_FROM, directoryWhere, EMPLOYEE_COLUMNS, EMPLOYEE_ORDER, toEmployeeDto, type DirectoryFilter, type EmployeeRow } from './directory-query';
import { EmployeeDto, EmployeePageDto, EmployeeQueryDto } from './employee.dto';

/** Reads of the employee directory; writes come through the import. */
@Injectable()
export class EmployeesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: EmployeeQueryDto): Promise<EmployeePageDto> {
    requireAccess(actor, 'employee.read');
    const filter: DirectoryFilter = {
      markets: query.market ? [query.market] : undefined,
      audiences: query.audience ? [query.audience] : undefined,
      departments: query.department ? [query.department] : undefined,
      manager: query.manager,
      q: query.q,
      status: query.status,
      customerFacing: query.customerFacing,
    };
    return this.page(actor, filter, query.page, query.pageSize);
  }

  /** A page of the people matching a filter, within the markets the actor may see. */
  async page(actor: Actor, filter: DirectoryFilter, page: number, pageSize: number): Promise<EmployeePageDto> {
    requireAccess(actor, 'employee.read');
    const scoped = scopeToActor(actor, filter);
    if (!scoped) return { items: [], total: 0, page, pageSize };
    const { where, params } = directoryWhere(scoped);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${DIRECTORY_FROM} ${where}`, params);
    // The page has no upper bound: one past the last row is empty, however far (1e20 would not fit an OFFSET).
    const offset = (page - 1) * pageSize;
    if (offset >= total) return { items: [], total, page, pageSize };
    const rows: EmployeeRow[] = await this.dataSource.query(
      `SELECT ${EMPLOYEE_COLUMNS} ${DIRECTORY_FROM} ${where} ${EMPLOYEE_ORDER} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, offset],
    );
    return { items: rows.map(toEmployeeDto), total, page, pageSize };
  }

  async get(actor: Actor, employeeId: string): Promise<EmployeeDto> {
    requireAccess(actor, 'employee.read');
    const rows: EmployeeRow[] = await this.dataSource.query(`SELECT ${EMPLOYEE_COLUMNS} ${DIRECTORY_FROM} WHERE e.employee_id = $1`, [employeeId]);
    if (rows.length === 0) throw new NotFoundException(`No employee with id ${employeeId}`);
    requireAccess(actor, 'employee.read', [rows[0].market]);
    return toEmployeeDto(rows[0]);
  }
}

/** The filter narrowed to the actor's markets, or null when nothing is left. */
function scopeToActor(actor: Actor, filter: DirectoryFilter): DirectoryFilter | null {
  if (actor.markets === null) return filter;
  const markets = filter.markets ? filter.markets.filter((code) => actor.markets!.includes(code)) : actor.markets;
  return markets.length ? { ...filter, markets } : null;
}
