import { Controller, Get, Logger, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { asset, type AssetName } from './dashboard-assets';

const NAMES: readonly string[] = ['chart.umd.js', 'dashboard.js'] satisfies AssetName[];

/** The dashboard's two scripts, from our own origin (the CSP allows no other), cached for a year. */
@ApiExcludeController()
@Public()
@Controller('assets')
export class AssetsController {
  private readonly logger = new Logger(AssetsController.name);

  @Get(':name')
  script(@Param('name') name: string, @Res() response: Response): void {
    if (!NAMES.includes(name)) throw new NotFoundException(`No asset ${name}`);
    let found;
    try {
      found = asset(name as AssetName);
    } catch (error) {
      this.logger.error({ err: error }, `The dashboard asset ${name} is missing`);
      throw new NotFoundException(`No asset ${name}`);
    }
    response
      .status(200)
      .set({
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=31536000, immutable',
        ETag: `"${found.version}"`,
        'X-Content-Type-Options': 'nosniff',
        'Content-Length': String(found.body.length),
      })
      .end(found.body);
  }
}
