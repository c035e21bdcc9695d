import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppLogger, type AppConfig } from '@changepulse/core';
import { AppModule } from './app.module';
import { MAX_IMPORT_BYTES } from './directory/employees.controller';
import { securityHeaders } from './http/security-headers';
import { InputSafetyPipe } from './validation/input-safety.pipe';

/** Builds the API application (not yet listening); `main.ts` and the e2e tests share it. */
export async function createApi(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders(config));
  // A CSV import may also arrive as a plain text/csv body; kept as bytes so that bad UTF-8 is caught.
  app.useBodyParser('raw', { type: ['text/csv', 'application/csv'], limit: MAX_IMPORT_BYTES });
  app.useBodyParser('json', { limit: '1mb' });
  // The answer pages post plain forms; flat fields only (a repeated field arrives as an array and is refused).
  app.useBodyParser('urlencoded', { extended: false, limit: '64kb', parameterLimit: 200 });
  app.useGlobalPipes(new InputSafetyPipe()); // first: NUL and deep nesting never reach a DTO
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  setUpOpenApi(app);
  return app;
}

function setUpOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('changepulse API')
      .setDescription('Employee directory, pulse surveys and change communication for people-first CRM programmes. Send `Authorization: Bearer <token>` (create one with `npm run cli -- token create`).')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'changepulse API' });
}
