import { describe, expect, it } from 'vitest';
import { MAX_BODY_DEPTH, tooDeep } from './problem.js';

/** `depth` objects or arrays nested in each other, alternating. */
function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { v };
  return v;
}

describe('a body nested too deep', () => {
  it('is refused from MAX_BODY_DEPTH levels of objects and arrays, and not before', () => {
    expect(tooDeep(nested(MAX_BODY_DEPTH))).toBe(false);
    expect(tooDeep(nested(MAX_BODY_DEPTH + 1))).toBe(true);
    expect(tooDeep({ events: Array.from({ length: 2000 }, () => ({ a: 1, b: [1, 2], c: null })) })).toBe(false);
    expect(tooDeep({ a: 1, b: [1, 2, { c: nested(MAX_BODY_DEPTH) }] })).toBe(true);
    expect(tooDeep('text')).toBe(false);
    expect(tooDeep(null)).toBe(false);
  });
});
