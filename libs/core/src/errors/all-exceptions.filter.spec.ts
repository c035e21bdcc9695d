import { Controller, Get, INestApplication, Logger, NotFoundException } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AllExceptionsFilter } from './all-exceptions.filter';

@Controller()
class ThrowingController {
  @Get('boom')
  boom(): never {
    throw new Error('secret internal detail');
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('No market with code XX');
  }

  @Get('database')
  database(): never {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  }

  @Get('client')
  client(): never {
    throw Object.assign(new Error('request entity too large'), { status: 413, expose: true });
  }
}

describe(AllExceptionsFilter.name, () => {
  let app: INestApplication;
  const logged: unknown[] = [];

  beforeAll(async () => {
    const module = await Test.createTestingModule({ controllers: [ThrowingController], providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }] }).compile();
    app = module.createNestApplication({ logger: false });
    Logger.overrideLogger({ log: () => undefined, warn: () => undefined, error: (message: unknown) => logged.push(message) });
    await app.init();
  });
  afterAll(() => app.close());

  it('turns an unknown error into a 500 with an errorId that is also logged, hiding the details', async () => {
    const response = await request(app.getHttpServer()).get('/boom').expect(500);
    expect(response.body).toEqual({ statusCode: 500, message: 'Internal server error', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(JSON.stringify(response.body)).not.toContain('secret internal detail');
    expect(logged).toContainEqual(expect.objectContaining({ errorId: response.body.errorId }));
  });

  it('turns a database that cannot be reached into a 503 with Retry-After, not a 500', async () => {
    const response = await request(app.getHttpServer()).get('/database').expect(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body).toEqual({ statusCode: 503, message: expect.stringMatching(/database is unavailable/), error: 'Service Unavailable' });
    expect(JSON.stringify(response.body)).not.toContain('127.0.0.1');
  });

  it('passes HTTP exceptions through with their status and message', async () => {
    const response = await request(app.getHttpServer()).get('/missing').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, message: 'No market with code XX' });
  });

  it('keeps the client status of errors that carry one (body parser, uploads)', async () => {
    const response = await request(app.getHttpServer()).get('/client').expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, message: 'request entity too large' });
  });
});
