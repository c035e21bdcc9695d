import { registerDecorator, ValidationOptions } from 'class-validator';
import { canonicalLocale, isIsoDate, isTimeZone } from './validators';

function rule(name: string, test: (value: unknown) => boolean, message: string) {
  return (options?: ValidationOptions) => (target: object, propertyName: string) =>
    registerDecorator({ name, target: target.constructor, propertyName, options: { message, ...options }, validator: { validate: test } });
}

/** An IANA time zone such as Europe/Berlin. */
export const IsIanaTimeZone = rule('isIanaTimeZone', (v) => typeof v === 'string' && isTimeZone(v), '$property must be an IANA time zone such as Europe/Berlin');
/** A BCP 47 locale such as de-DE. */
export const IsBcp47Locale = rule('isBcp47Locale', (v) => typeof v === 'string' && canonicalLocale(v) !== null, '$property must be a locale such as de-DE');
/** A calendar date YYYY-MM-DD. */
export const IsCalendarDate = rule('isCalendarDate', (v) => typeof v === 'string' && isIsoDate(v), '$property must be a date written YYYY-MM-DD');
