import { describe, expect, it } from 'vitest';
import { ROLES } from '@jiayuan/contracts';
import { homeFor } from './home';

describe('each role lands on the page it works from', () => {
  it.each([
    ['center_coordinator', '/dashboard', '/dashboard'],
    ['department_coordinator', '/dashboard', '/dashboard'],
    ['community_staff', '/todos', '/todos'],
    ['station_staff', '/todos', '/todos'],
    ['health_worker', '/observation', '/observation/today'],
    ['employer_liaison', '/inbound', '/inbound'],
    ['property_staff', '/todos', '/gate'],
    ['volunteer', '/todos', '/screening/visit'],
    ['auditor', '/audit', '/audit'],
    ['admin', '/admin/users', '/admin/users'],
  ] as const)('%s → %s at a desk, %s on a phone', (role, desk, phone) => {
    expect(homeFor([role], false)).toBe(desk);
    expect(homeFor([role], true)).toBe(phone);
  });

  it('gives a user with several roles the page of the one they coordinate or staff', () => {
    expect(homeFor(['auditor', 'community_staff'], false)).toBe('/todos');
    expect(homeFor(['admin', 'department_coordinator'], false)).toBe('/dashboard');
    expect(homeFor(['volunteer', 'health_worker'], true)).toBe('/observation/today');
  });

  it('has a page for every staff role', () => {
    for (const role of ROLES.filter((r) => r !== 'resident')) expect(homeFor([role], false)).toMatch(/^\/[a-z]/);
  });
});
