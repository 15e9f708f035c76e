import { DEFAULT_QUESTIONS, type Question } from '@jiayuan/contracts';
import { describe, expect, it } from 'vitest';
import { answersProblem, findingsOf, questionSetProblem } from './screening.questions.js';

const healthy = { returned: false, symptoms: false, temperature: 36.5 };

describe('the question set of a campaign', () => {
  it('accepts the standard questions', () => {
    expect(questionSetProblem(DEFAULT_QUESTIONS)).toBeNull();
  });

  it('refuses a key used twice, a choice without options, and a condition on a later question', () => {
    const q: Question = { key: 'a', type: 'yes_no', label: { 'zh-CN': '甲', 'en-US': 'A' }, required: false };
    expect(questionSetProblem([q, q])?.code).toBe('SCREENING_QUESTION_KEYS');
    expect(questionSetProblem([{ ...q, type: 'choice', options: [] }])?.code).toBe('SCREENING_QUESTION_INVALID');
    expect(
      questionSetProblem([
        { ...q, showIf: { key: 'b', equals: true } },
        { ...q, key: 'b' },
      ])?.code,
    ).toBe('SCREENING_QUESTION_INVALID');
  });

  it('refuses a flag that cannot fire: a threshold on a yes/no question', () => {
    const q: Question = { key: 'a', type: 'yes_no', label: { 'zh-CN': '甲', 'en-US': 'A' }, required: false, flag: { reason: 'other', atOrAbove: 3 } };
    expect(questionSetProblem([q])?.code).toBe('SCREENING_QUESTION_INVALID');
  });
});

describe("a person's answers", () => {
  it('are complete when every asked, required question has a fitting answer', () => {
    expect(answersProblem(DEFAULT_QUESTIONS, healthy, true)).toBeNull();
  });

  it('need the follow-up questions once someone says they returned from elsewhere', () => {
    expect(answersProblem(DEFAULT_QUESTIONS, { ...healthy, returned: true }, true)?.code).toBe('SCREENING_ANSWER_MISSING');
    expect(
      answersProblem(DEFAULT_QUESTIONS, { ...healthy, returned: true, returnedFrom: '武汉', returnedRisk: 'high', returnedOn: '2026-02-01' }, true),
    ).toBeNull();
  });

  it('may stay empty for someone who is not at home', () => {
    expect(answersProblem(DEFAULT_QUESTIONS, {}, false)).toBeNull();
  });

  it('refuse a temperature out of range, an unknown option, a question that does not apply, and unknown keys', () => {
    expect(answersProblem(DEFAULT_QUESTIONS, { ...healthy, temperature: 45 }, true)?.code).toBe('SCREENING_ANSWER_INVALID');
    expect(
      answersProblem(DEFAULT_QUESTIONS, { ...healthy, returned: true, returnedFrom: 'x', returnedRisk: 'extreme', returnedOn: '2026-02-01' }, true)?.code,
    ).toBe('SCREENING_ANSWER_INVALID');
    expect(answersProblem(DEFAULT_QUESTIONS, { ...healthy, returnedFrom: '武汉' }, true)?.code).toBe('SCREENING_ANSWER_INVALID');
    expect(answersProblem(DEFAULT_QUESTIONS, { ...healthy, shoeSize: 42 }, true)?.code).toBe('SCREENING_ANSWER_INVALID');
    expect(answersProblem(DEFAULT_QUESTIONS, { ...healthy, returned: 'yes' }, true)?.code).toBe('SCREENING_ANSWER_INVALID');
  });
});

describe('findings', () => {
  it('are none for a healthy person who stayed at home', () => {
    expect(findingsOf(DEFAULT_QUESTIONS, healthy)).toEqual({ reasons: [], temperature: 36.5 });
  });

  it('flag 37.3 °C and above as fever, but not 37.2', () => {
    expect(findingsOf(DEFAULT_QUESTIONS, { ...healthy, temperature: 37.3 }).reasons).toEqual(['fever']);
    expect(findingsOf(DEFAULT_QUESTIONS, { ...healthy, temperature: 37.2 }).reasons).toEqual([]);
  });

  it('flag symptoms and a return from a medium or high risk area, each once', () => {
    const f = findingsOf(DEFAULT_QUESTIONS, {
      returned: true,
      returnedFrom: '武汉',
      returnedRisk: 'high',
      returnedOn: '2026-02-01',
      symptoms: true,
      temperature: 38.1,
    });
    expect(f.reasons.sort()).toEqual(['fever', 'risk_area', 'symptom']);
    expect(findingsOf(DEFAULT_QUESTIONS, { ...healthy, returned: true, returnedFrom: '济南', returnedRisk: 'low', returnedOn: '2026-02-01' }).reasons).toEqual(
      [],
    );
  });
});
