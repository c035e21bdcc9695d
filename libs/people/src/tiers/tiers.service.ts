import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { requireAccess, type Actor } from '@changepulse/core';
import { CreateTierDto, ReorderTiersDto, TierDto, UpdateTierDto } from './tier.dto';
import { AudienceTier } from './tier.entity';

/** The audience ladder. Ranks stay 1..n without gaps; a move shifts the tiers in between. */
@Injectable()
export class TiersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor): Promise<TierDto[]> {
    requireAccess(actor, 'tier.read');
    return this.listWith(this.dataSource.manager);
  }

  async create(actor: Actor, input: CreateTierDto): Promise<TierDto> {
    requireAccess(actor, 'tier.manage');
    return this.dataSource.transaction(async (manager) => {
      const tiers = await this.lockLadder(manager);
      if (tiers.some((tier) => tier.key === input.key)) throw new ConflictException(`key: a tier ${input.key} already exists`);
      const rank = Math.min(input.rank ?? tiers.length + 1, tiers.length + 1);
      const tier = manager.create(AudienceTier, { key: input.key, name: input.name, rank: tiers.length + 1 });
      await manager.save(tier);
      await this.writeOrder(manager, insertAt(tiers, tier, rank));
      return (await this.listWith(manager)).find((t) => t.key === input.key)!;
    });
  }

  async update(actor: Actor, key: string, input: UpdateTierDto): Promise<TierDto> {
    requireAccess(actor, 'tier.manage');
    return this.dataSource.transaction(async (manager) => {
      const tiers = await this.lockLadder(manager);
      const tier = tiers.find((candidate) => candidate.key === key);
      if (!tier) throw new NotFoundException(`No audience tier ${key}`);
      if (input.name !== undefined) await manager.update(AudienceTier, { id: tier.id }, { name: input.name });
      if (input.rank !== undefined) {
        const others = tiers.filter((candidate) => candidate.id !== tier.id);
        await this.writeOrder(manager, insertAt(others, tier, Math.min(input.rank, tiers.length)));
      }
      return (await this.listWith(manager)).find((t) => t.key === key)!;
    });
  }

  async reorder(actor: Actor, input: ReorderTiersDto): Promise<TierDto[]> {
    requireAccess(actor, 'tier.manage');
    return this.dataSource.transaction(async (manager) => {
      const tiers = await this.lockLadder(manager);
      const known = new Set(tiers.map((tier) => tier.key));
      const given = new Set(input.keys);
      if (given.size !== input.keys.length || given.size !== known.size || input.keys.some((key) => !known.has(key))) {
        throw new BadRequestException(`keys: list every tier exactly once (${[...known].join(', ')})`);
      }
      await this.writeOrder(manager, input.keys.map((key) => tiers.find((tier) => tier.key === key)!));
      return this.listWith(manager);
    });
  }

  async remove(actor: Actor, key: string): Promise<void> {
    requireAccess(actor, 'tier.manage');
    await this.dataSource.transaction(async (manager) => {
      const tiers = await this.lockLadder(manager);
      const tier = tiers.find((candidate) => candidate.key === key);
      if (!tier) throw new NotFoundException(`No audience tier ${key}`);
      const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM employees WHERE tier_id = $1`, [tier.id]);
      if (count > 0) throw new ConflictException(`Audience tier ${key} still has ${count} employees; move them first`);
      await manager.delete(AudienceTier, { id: tier.id });
      await this.writeOrder(manager, tiers.filter((candidate) => candidate.id !== tier.id));
    });
  }

  // Locks the whole ladder: two concurrent moves would otherwise interleave their shifts.
  private lockLadder(manager: EntityManager): Promise<AudienceTier[]> {
    return manager.find(AudienceTier, { order: { rank: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  }

  private async writeOrder(manager: EntityManager, ordered: AudienceTier[]): Promise<void> {
    // The rank constraint is deferred, so the swaps may collide until commit.
    for (const [index, tier] of ordered.entries()) {
      if (tier.rank !== index + 1) await manager.update(AudienceTier, { id: tier.id }, { rank: index + 1 });
    }
  }

  private async listWith(manager: EntityManager): Promise<TierDto[]> {
    const rows: Array<AudienceTier & { active: number }> = await manager.query(
      `SELECT t.key, t.name, t.rank,
              (SELECT count(*)::int FROM employees e WHERE e.tier_id = t.id AND e.status = 'active') AS active
         FROM audience_tiers t ORDER BY t.rank`,
    );
    return rows.map((row) => TierDto.from(row, row.active));
  }
}

function insertAt(tiers: AudienceTier[], tier: AudienceTier, rank: number): AudienceTier[] {
  const ordered = tiers.filter((candidate) => candidate.id !== tier.id);
  ordered.splice(rank - 1, 0, tier);
  return ordered;
}
