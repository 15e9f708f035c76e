import { describe, expect, it } from 'vitest';
import { commonPlace } from './importer.js';

describe('commonPlace: the deepest place both paths run through', () => {
  it('is the last id the paths share, whole ids only', () => {
    expect(commonPlace('1.5.20.31.', '1.5.20.4.')).toBe(20);
    // 3 and 31 share a digit, not a place.
    expect(commonPlace('1.5.20.3.', '1.5.20.31.')).toBe(20);
    expect(commonPlace('1.5.20.31.', '1.5.20.31.')).toBe(31);
    expect(commonPlace('1.5.', '2.7.')).toBeNull();
    expect(commonPlace(null, '1.')).toBeNull();
  });
});
