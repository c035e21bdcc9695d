import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

/** How deeply a request's body, query or parameters may nest; no DTO of ours goes past 3. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Refuses, before any DTO or service sees it, input that would otherwise surface as a 500:
 * a NUL character in any string or key (PostgreSQL text cannot hold U+0000), and nesting deeper
 * than MAX_INPUT_DEPTH (class-transformer and class-validator recurse and overflow the stack).
 * Runs on every `@Param`, `@Query` and `@Body`, so a new route is covered without a thought.
 */
@Injectable()
export class InputSafetyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const problem = findUnsafeInput(value, metadata.data ?? '', 0, metadata.type);
    if (problem) throw new BadRequestException(problem);
    return value;
  }
}

/** The first problem found in `value`, as a message naming the field; undefined when it is safe. */
export function findUnsafeInput(value: unknown, path: string, depth: number, where: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? `${name(path, where)} must not contain a NUL character (\\u0000)` : undefined;
  // A CSV arrives as raw bytes: the import checks those itself.
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return undefined;
  if (depth >= MAX_INPUT_DEPTH) return `${name(path, where)} is nested deeper than ${MAX_INPUT_DEPTH} levels`;
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, index) => [`[${index}]`, item]) : Object.entries(value);
  for (const [key, item] of entries) {
    const child = key.startsWith('[') && Array.isArray(value) ? `${path}${key}` : path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return `${name(child, where)} must not contain a NUL character (\\u0000) in its name`;
    const problem = findUnsafeInput(item, child, depth + 1, where);
    if (problem) return problem;
  }
  return undefined;
}

function name(path: string, where: string): string {
  return path ? path.replaceAll('\u0000', '\\u0000') : `the ${where === 'body' ? 'request body' : where}`;
}
