import { describe, expect, it } from 'vitest';
import { sealedBy } from './lockdowns.list.js';

describe('sealedBy', () => {
  const compound = { placePath: '1.5.23.', active: true, id: 'compound' };
  const building = { placePath: '1.5.23.40.', active: true, id: 'building' };
  const released = { placePath: '1.5.23.41.', active: false, id: 'released' };

  it('finds the widest order in force over a dwelling', () => {
    expect(sealedBy([building, compound], '1.5.23.40.77.901.')?.id).toBe('compound');
    expect(sealedBy([building], '1.5.23.40.77.901.')?.id).toBe('building');
  });

  it('ignores released orders and places outside the sealed one', () => {
    expect(sealedBy([released], '1.5.23.41.80.902.')).toBeNull();
    expect(sealedBy([building], '1.5.23.400.1.')).toBeNull();
    expect(sealedBy([building], '1.5.23.4.')).toBeNull();
  });
});
