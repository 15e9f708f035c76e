import { describe, expect, it } from 'vitest';
import { ApiError } from '../../platform/api/problem';
import { refusedEvent } from './gate-sync';

const problem = (status: number, code: string, errors?: { path: string; code: string }[]) =>
  new ApiError(status, {
    type: 'about:blank',
    title: code,
    status,
    code,
    messages: { 'zh-CN': '整体', 'en-US': 'whole' },
    errors: errors?.map((e) => ({ ...e, message: { 'zh-CN': `字段 ${e.path}`, 'en-US': `field ${e.path}` } })),
  } as never);

describe('a batch the server refuses', () => {
  it('names the one event to set aside when the answer points at it', () => {
    expect(refusedEvent(problem(400, 'ACCESS_PASS_NOT_FOR_GATE', [{ path: 'events.3.passId', code: 'ACCESS_PASS_NOT_FOR_GATE' }]), 10)).toEqual({
      index: 3,
      code: 'ACCESS_PASS_NOT_FOR_GATE',
      messages: { 'zh-CN': '字段 events.3.passId', 'en-US': 'field events.3.passId' },
    });
    // A batch of one: its fields are named without the index.
    expect(refusedEvent(problem(400, 'ACCESS_EVENT_TIME', [{ path: 'at', code: 'ACCESS_EVENT_TIME' }]), 1)?.index).toBe(0);
  });

  it('sets nothing aside when the refusal is about the request as a whole, or names no event of the batch', () => {
    expect(refusedEvent(problem(401, 'UNAUTHENTICATED'), 5)).toBeNull();
    expect(refusedEvent(problem(403, 'FORBIDDEN', [{ path: 'events.0.gateId', code: 'FORBIDDEN' }]), 5)).toBeNull();
    expect(refusedEvent(problem(429, 'RATE_LIMITED'), 5)).toBeNull();
    expect(refusedEvent(problem(500, 'INTERNAL'), 5)).toBeNull();
    expect(refusedEvent(problem(400, 'VALIDATION_FAILED', [{ path: 'at', code: 'x' }]), 5)).toBeNull();
    expect(refusedEvent(problem(400, 'VALIDATION_FAILED', [{ path: 'events.9.at', code: 'x' }]), 5)).toBeNull();
    expect(refusedEvent(new Error('offline'), 5)).toBeNull();
  });
});
