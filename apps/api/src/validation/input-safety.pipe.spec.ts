import { BadRequestException } from '@nestjs/common';
import { InputSafetyPipe, MAX_INPUT_DEPTH } from './input-safety.pipe';

describe(InputSafetyPipe.name, () => {
  const pipe = new InputSafetyPipe();
  const refusal = (value: unknown, type: 'body' | 'query' | 'param' = 'body', data?: string) => {
    try {
      pipe.transform(value, { type, data });
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      return (error as BadRequestException).message;
    }
    return undefined;
  };
  const nested = (depth: number): unknown => {
    let value: unknown = 1;
    for (let level = 0; level < depth; level++) value = [value];
    return value;
  };

  it('passes ordinary input through unchanged', () => {
    const body = { name: 'Zoë 😀', rules: { markets: ['DE'] }, count: 3, none: null };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
  });

  it('names the field that holds a NUL, however deep', () => {
    expect(refusal('a\u0000', 'param', 'code')).toBe('code must not contain a NUL character (\\u0000)');
    expect(refusal({ rules: { departments: ['ok', 'b\u0000d'] } })).toBe('rules.departments[1] must not contain a NUL character (\\u0000)');
    expect(refusal({ 'na\u0000me': 'x' })).toBe('na\\u0000me must not contain a NUL character (\\u0000) in its name');
  });

  it(`refuses nesting deeper than ${MAX_INPUT_DEPTH} levels and accepts ${MAX_INPUT_DEPTH}`, () => {
    expect(refusal({ rules: nested(MAX_INPUT_DEPTH) })).toMatch(/^rules(\[0\])+ is nested deeper than 32 levels$/);
    expect(refusal(nested(MAX_INPUT_DEPTH - 1))).toBeUndefined();
    expect(refusal(nested(10_000))).toMatch(/^(\[0\]){32} is nested deeper than 32 levels$/);
  });

  it('leaves raw bytes (a CSV body) to the import, which checks them itself', () => {
    expect(refusal(Buffer.from('a\u0000b'))).toBeUndefined();
  });
});
