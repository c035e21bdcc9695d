import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * Like `@IsOptional()`, but only a missing field is skipped: `null` is checked like any other
 * value, so `{"openDays": null}` is refused naming the field instead of reaching the database
 * (a NOT NULL column then answers 500). Keep `@IsOptional()` where null means something.
 */
export function IsOptionalNotNull(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}
