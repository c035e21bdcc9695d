import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { parseCadence } from './cadence-rule';

/** Tiers with a cadence of their own; the ladder has four, admins may add a few. */
const MAX_TIER_CADENCES = 50;

/** What is wrong with one cadence, as a message naming `field`; null when it is one a pulse can have. */
function cadenceError(field: string, value: unknown): string | null {
  const rule = parseCadence(value);
  return typeof rule === 'string' ? `${field}: ${rule}` : null;
}

function tierCadencesError(field: string, value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `${field} must be an object of tier keys to cadences`;
  const entries = Object.entries(value);
  if (entries.length > MAX_TIER_CADENCES) return `${field} has more than ${MAX_TIER_CADENCES} tiers`;
  for (const [tier, rule] of entries) {
    const problem = cadenceError(`${field}.${tier}`, rule);
    if (problem) return problem;
  }
  return null;
}

function decorator(name: string, error: (field: string, value: unknown) => string | null) {
  return (options?: ValidationOptions) => (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => error(propertyName, value) === null,
        defaultMessage: (args?: ValidationArguments) => error(propertyName, args?.value) ?? `${propertyName} is not valid`,
      },
    });
}

/** A recurrence rule a pulse can have (see cadence-rule.ts): daily at most, every expansion bounded. */
export const IsPulseCadence = decorator('isPulseCadence', cadenceError);
/** `{ tierKey: cadence }`, each cadence one a pulse can have; the message names `field.tierKey`. */
export const IsTierCadences = decorator('isTierCadences', tierCadencesError);
