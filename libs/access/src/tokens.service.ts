import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { requireAccess, type Actor } from '@changepulse/core';
import { ApiToken } from './api-token.entity';
import { CreatedTokenDto, CreateTokenDto, TokenDto } from './token.dto';

/** The actor of operator commands run on the machine itself (the CLI). */
export const SYSTEM_ACTOR: Actor = { tokenId: 'system', name: 'system', role: 'admin', markets: null };

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** API tokens: created once (the secret is shown once, stored hashed), checked on every request. */
@Injectable()
export class TokensService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(ApiToken);
  }

  async create(actor: Actor, input: CreateTokenDto): Promise<CreatedTokenDto> {
    requireAccess(actor, 'token.manage');
    const token = `cp_${randomBytes(32).toString('base64url')}`;
    const saved = await this.repository.save(
      this.repository.create({ name: input.name, role: input.role, markets: input.markets?.length ? input.markets : null, tokenHash: hash(token) }),
    );
    return { ...TokenDto.from(saved), token };
  }

  async list(actor: Actor): Promise<TokenDto[]> {
    requireAccess(actor, 'token.manage');
    const tokens = await this.repository.find({ order: { createdAt: 'ASC' } });
    return tokens.map((token) => TokenDto.from(token));
  }

  async revoke(actor: Actor, id: string): Promise<TokenDto> {
    requireAccess(actor, 'token.manage');
    const token = await this.repository.findOneBy({ id });
    if (!token) throw new NotFoundException(`No token with id ${id}`);
    token.revokedAt ??= new Date();
    return TokenDto.from(await this.repository.save(token));
  }

  /** The actor behind a bearer token, or null when it is unknown or revoked. */
  async authenticate(secret: string): Promise<Actor | null> {
    const rows: Array<{ id: string; name: string; role: Actor['role']; markets: string[] | null; stale: boolean }> = await this.dataSource.query(
      `SELECT id, name, role, markets, (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
         FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
      [hash(secret)],
    );
    const [row] = rows;
    if (!row) return null;
    // At most one write a minute per token, so busy clients do not turn reads into writes.
    if (row.stale) await this.dataSource.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [row.id]);
    return { tokenId: row.id, name: row.name, role: row.role, markets: row.markets };
  }
}
