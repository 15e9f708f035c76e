import type { AnswerValue, Answers, FindingReason, Question } from '@jiayuan/contracts';
import type { AppError } from '../../platform/errors/app-error.js';
import { screeningErrors } from './screening.errors.js';

/** Checks a question set is complete: unique keys, options for choices, conditions that point back. */
export function questionSetProblem(questions: Question[]): AppError | null {
  const seen = new Set<string>();
  for (const q of questions) {
    if (seen.has(q.key)) return screeningErrors.SCREENING_QUESTION_KEYS({ key: q.key }).onField('questions');
    const bad = (zh: string, en: string) => screeningErrors.SCREENING_QUESTION_INVALID({ key: q.key, problemZh: zh, problemEn: en }).onField('questions');
    if (q.type === 'choice' && (!q.options || q.options.length < 2)) return bad('选择题至少需要两个选项', 'a choice needs at least two options');
    if (q.type === 'choice' && new Set(q.options!.map((o) => o.value)).size !== q.options!.length) return bad('选项重复', 'two options have the same value');
    if (q.showIf && !seen.has(q.showIf.key)) return bad('显示条件只能引用前面的问题', 'a condition can only refer to an earlier question');
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) return bad('最小值大于最大值', 'the minimum is above the maximum');
    if (q.flag) {
      const f = q.flag;
      if (f.whenYes && q.type !== 'yes_no') return bad('“回答是即需跟进”只适用于是非题', '"flag when yes" only fits a yes/no question');
      if (f.options && (q.type !== 'choice' || f.options.some((o) => !q.options?.some((x) => x.value === o))))
        return bad('需跟进的选项不在选项中', 'a flagged option is not one of the options');
      if (f.atOrAbove !== undefined && q.type !== 'number' && q.type !== 'temperature')
        return bad('阈值只适用于数字或体温', 'a threshold only fits a number or a temperature');
      if (!f.whenYes && !f.options?.length && f.atOrAbove === undefined) return bad('未说明哪种回答需要跟进', 'it does not say which answer needs follow-up');
    }
    seen.add(q.key);
  }
  return null;
}

/** Whether a question is asked, given the answers so far (a condition on an earlier answer). */
export function isAsked(q: Question, answers: Answers): boolean {
  return !q.showIf || answers[q.showIf.key] === q.showIf.equals;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function valueProblem(q: Question, v: AnswerValue): { zh: string; en: string } | null {
  switch (q.type) {
    case 'yes_no':
      return typeof v === 'boolean' ? null : { zh: '应为“是”或“否”', en: 'it must be yes or no' };
    case 'choice':
      return typeof v === 'string' && q.options?.some((o) => o.value === v) ? null : { zh: '不是可选的选项', en: 'it is not one of the options' };
    case 'text':
      return typeof v === 'string' ? null : { zh: '应为文字', en: 'it must be text' };
    case 'date':
      return typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? null : { zh: '应为日期', en: 'it must be a date' };
    case 'number':
    case 'temperature': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return { zh: '应为数字', en: 'it must be a number' };
      const min = q.min ?? (q.type === 'temperature' ? 34 : undefined);
      const max = q.max ?? (q.type === 'temperature' ? 43 : undefined);
      if ((min !== undefined && v < min) || (max !== undefined && v > max))
        return { zh: `应在${min ?? '−∞'}到${max ?? '∞'}之间`, en: `it must be between ${min ?? '−∞'} and ${max ?? '∞'}` };
      return null;
    }
  }
}

/**
 * The first problem with one person's answers, or null. Unknown keys are refused; a person
 * not present need not answer; a question not asked (its condition unmet) must stay empty.
 */
export function answersProblem(questions: Question[], answers: Answers, present: boolean): AppError | null {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  for (const key of Object.keys(answers)) {
    if (!byKey.has(key))
      return screeningErrors.SCREENING_ANSWER_INVALID({ question: key, questionEn: key, problemZh: '没有这个问题', problemEn: 'there is no such question' });
  }
  for (const q of questions) {
    const v = answers[q.key];
    const empty = v === undefined || v === null || v === '';
    if (!isAsked(q, answers)) {
      if (!empty)
        return screeningErrors.SCREENING_ANSWER_INVALID({
          question: q.label['zh-CN'],
          questionEn: q.label['en-US'],
          problemZh: '此问题不适用',
          problemEn: 'the question does not apply',
        });
      continue;
    }
    if (empty) {
      if (q.required && present) return screeningErrors.SCREENING_ANSWER_MISSING({ question: q.label['zh-CN'], questionEn: q.label['en-US'] });
      continue;
    }
    const p = valueProblem(q, v);
    if (p) return screeningErrors.SCREENING_ANSWER_INVALID({ question: q.label['zh-CN'], questionEn: q.label['en-US'], problemZh: p.zh, problemEn: p.en });
  }
  return null;
}

/** Why a person's answers need follow-up (symptoms, fever, a risk area), and the temperature read, if any. */
export function findingsOf(questions: Question[], answers: Answers): { reasons: FindingReason[]; temperature: number | null } {
  const reasons = new Set<FindingReason>();
  let temperature: number | null = null;
  for (const q of questions) {
    const v = answers[q.key];
    if (q.type === 'temperature' && typeof v === 'number' && temperature === null) temperature = v;
    if (!q.flag || v === undefined || v === null || !isAsked(q, answers)) continue;
    const f = q.flag;
    const hit =
      (f.whenYes && v === true) ||
      (f.options !== undefined && typeof v === 'string' && f.options.includes(v)) ||
      (f.atOrAbove !== undefined && typeof v === 'number' && v >= f.atOrAbove);
    if (hit) reasons.add(f.reason);
  }
  return { reasons: [...reasons], temperature };
}

/** Health reasons are the ones an observation case answers; being unregistered is for the registry. */
export function hasHealthReason(reasons: readonly FindingReason[]): boolean {
  return reasons.some((r) => r !== 'unregistered');
}
