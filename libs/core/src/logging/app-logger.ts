import { Injectable } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

// Nest's own start-up chatter (a line per module and per route) buries what a person needs to see.
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** The pino logger every app uses, without Nest's start-up lines. */
@Injectable()
export class AppLogger extends Logger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && START_UP_CONTEXTS.has(context)) return;
    super.log(message, ...optionalParams);
  }
}
