import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { requireAccess, type Actor } from '@changepulse/core';
import { CreateUserDto, UpdateUserDto, UserDto } from './user.dto';
import { User } from './user.entity';

/** The people who sign in to the dashboard; only admins manage them. */
@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(actor: Actor, input: CreateUserDto): Promise<UserDto> {
    requireAccess(actor, 'user.manage');
    return whenEmailTaken(input.email, () => this.dataSource.transaction(async (manager) => {
      await assertEmailFree(manager, input.email);
      const markets = await knownMarkets(manager, input.markets);
      const repository = manager.getRepository(User);
      const user = repository.create({ email: input.email, name: input.name, role: input.role ?? 'leader', markets, weeklyDigest: input.weeklyDigest ?? true, disabledAt: null });
      return UserDto.from(await repository.save(user));
    }));
  }

  async list(actor: Actor): Promise<UserDto[]> {
    requireAccess(actor, 'user.manage');
    const users = await this.dataSource.getRepository(User).find({ order: { name: 'ASC', email: 'ASC' } });
    return users.map((user) => UserDto.from(user));
  }

  async update(actor: Actor, id: string, input: UpdateUserDto): Promise<UserDto> {
    requireAccess(actor, 'user.manage');
    return whenEmailTaken(input.email ?? '', () => this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(User);
      const user = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundException(`No user with id ${id}`);
      if (input.email !== undefined && input.email.toLowerCase() !== user.email.toLowerCase()) await assertEmailFree(manager, input.email);
      if (input.email !== undefined) user.email = input.email;
      if (input.name !== undefined) user.name = input.name;
      if (input.role !== undefined) user.role = input.role;
      if (input.markets !== undefined) user.markets = await knownMarkets(manager, input.markets);
      if (input.weeklyDigest !== undefined) user.weeklyDigest = input.weeklyDigest;
      if (input.disabled === true) user.disabledAt ??= new Date();
      if (input.disabled === false) user.disabledAt = null;
      const saved = await repository.save(user);
      // A disabled user, or one whose rights changed, signs in again: open sessions end now.
      if (input.disabled === true || input.role !== undefined || input.markets !== undefined) await manager.query(`DELETE FROM sessions WHERE user_id = $1`, [id]);
      if (input.disabled === true) await manager.query(`DELETE FROM sign_in_links WHERE user_id = $1`, [id]);
      return UserDto.from(saved);
    }));
  }

  /** The user with this address (any case), for operators. */
  async findByEmail(actor: Actor, email: string): Promise<UserDto | null> {
    requireAccess(actor, 'user.manage');
    const user = await this.dataSource.getRepository(User).createQueryBuilder('user').where('lower(user.email) = lower(:email)', { email: email.trim() }).getOne();
    return user ? UserDto.from(user) : null;
  }
}

/** Two admins adding the same address at once: the unique index decides, and the loser hears 409 too. */
async function whenEmailTaken<T>(email: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
    if (driverError?.code === '23505' && driverError.constraint === 'users_email_key') throw new ConflictException(`email: a user with the address ${email} already exists`);
    throw error;
  }
}

async function assertEmailFree(manager: EntityManager, email: string): Promise<void> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [email]);
  if (rows.length > 0) throw new ConflictException(`email: a user with the address ${email} already exists`);
}

/** The codes as given (upper case, no repeats), once each is a market; null or empty means every market. */
async function knownMarkets(manager: EntityManager, codes: string[] | null | undefined): Promise<string[] | null> {
  if (!codes?.length) return null;
  const unique = [...new Set(codes)];
  const rows: Array<{ code: string }> = await manager.query(`SELECT code FROM markets WHERE code = ANY($1::text[])`, [unique]);
  const known = new Set(rows.map((row) => row.code));
  const unknown = unique.filter((code) => !known.has(code));
  if (unknown.length > 0) throw new BadRequestException(`markets: no market with the code ${unknown.join(', ')}`);
  return unique;
}
