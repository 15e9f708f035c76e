import { defineErrors } from '../errors/app-error.js';

export const obligationErrors = defineErrors({
  OBLIGATION_NOT_MANUAL: {
    status: 409,
    zh: '该待办由业务流程自动完成，不能手动标记',
    en: 'This to-do is completed by its workflow and cannot be ticked off by hand',
  },
  OBLIGATION_ALREADY_DONE: { status: 409, zh: '该待办已完成', en: 'This to-do is already done' },
  OBLIGATION_RULE_DATES: { status: 400, zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  OBLIGATION_RULE_ROLE: { status: 400, zh: '未知的责任角色', en: 'Unknown responsible role' },
});
