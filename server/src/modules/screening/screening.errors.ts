import { defineErrors } from '../../platform/errors/app-error.js';

export const screeningErrors = defineErrors({
  SCREENING_NOT_ALLOWED_NOW: {
    status: 409,
    zh: '摸排活动当前为“{status}”状态，不能{action}',
    en: 'The campaign is {statusEn}; it cannot be {actionEn} now',
  },
  SCREENING_DATES: { status: 400, zh: '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  SCREENING_PLACE_TYPE: { status: 400, zh: '摸排范围只能选择协调部或社区', en: 'A campaign covers departments or communities only' },
  SCREENING_PLACES_OVERLAP: {
    status: 400,
    zh: '摸排范围中的区域互相包含，请只保留上级区域',
    en: 'The places overlap; keep only the one that contains the other',
  },
  SCREENING_QUESTION_KEYS: { status: 400, zh: '问题标识“{key}”重复', en: 'The question key "{key}" is used twice' },
  SCREENING_QUESTION_INVALID: { status: 400, zh: '问题“{key}”设置不完整：{problemZh}', en: 'Question "{key}" is incomplete: {problemEn}' },
  SCREENING_QUESTIONS_LOCKED: {
    status: 409,
    zh: '活动已开始，问题不能再修改（已有入户记录按原问题作答）',
    en: 'The campaign has started; its questions can no longer change (visits already answered them)',
  },
  SCREENING_ANSWER_INVALID: { status: 400, zh: '“{question}”的回答不正确：{problemZh}', en: 'The answer to "{questionEn}" is not valid: {problemEn}' },
  SCREENING_ANSWER_MISSING: { status: 400, zh: '请回答“{question}”', en: 'Please answer "{questionEn}"' },
  SCREENING_NOT_A_MEMBER: {
    status: 400,
    zh: '该居民不在这一户中，请按未登记人员记录',
    en: 'This resident is not registered in this household; record them as not registered',
  },
  SCREENING_PERSONS_NOT_EXPECTED: {
    status: 400,
    zh: '无人在家或拒绝时不能记录人员回答',
    en: 'Persons and answers cannot be recorded when nobody was home or the household refused',
  },
  SCREENING_PHONE_INVALID: { status: 400, zh: '手机号码不正确', en: 'The phone number is not valid' },
  SCREENING_PERSON_TWICE: { status: 400, zh: '同一居民在一次入户中只能记录一次', en: 'A resident can be recorded only once per visit' },
  SCREENING_NOT_ASSIGNED: {
    status: 403,
    zh: '这一户没有分配给您走访',
    en: 'This household is not assigned to you',
  },
  SCREENING_HOUSEHOLD_OUTSIDE: { status: 404, zh: '该户不在本次摸排范围内，或您无权走访', en: 'This household is not in the campaign, or not in your scope' },
  SCREENING_ROUND_AHEAD: { status: 400, zh: '第{round}轮尚未开始', en: 'Round {round} has not started' },
  SCREENING_VISIT_IN_FUTURE: { status: 400, zh: '走访时间不能晚于现在', en: 'The visit time cannot be in the future' },
  SCREENING_CAMPAIGN_NOT_ACTIVE: { status: 409, zh: '摸排活动未在进行中，不能记录走访', en: 'The campaign is not running; visits cannot be recorded' },
  SCREENING_ASSIGNEE_CANNOT_VISIT: {
    status: 400,
    zh: '该用户没有入户摸排权限，或不负责该区域',
    en: 'This user may not visit households, or does not work in this area',
  },
  SCREENING_NOT_A_TARGET: { status: 400, zh: '请选择本次摸排范围内的网格或楼栋', en: 'Choose a grid or building inside the campaign' },
  SCREENING_ASSIGNMENT_EXISTS: { status: 409, zh: '该用户已分配到这里', en: 'This user is already assigned here' },
  SCREENING_FINDING_DECIDED: { status: 409, zh: '该发现已处理', en: 'This finding has already been dealt with' },
  SCREENING_FINDING_NEEDS_RESIDENT: {
    status: 409,
    zh: '此人尚未登记为居民，请先登记再建立观察',
    en: 'This person is not registered yet; register them before opening an observation case',
  },
  SCREENING_FINDING_NO_HEALTH_REASON: {
    status: 409,
    zh: '该发现没有健康方面的原因，无需建立观察',
    en: 'This finding has no health reason; no observation case is needed',
  },
});

export const STATUS_TEXT = {
  draft: { zh: '草稿', en: 'a draft' },
  active: { zh: '进行中', en: 'running' },
  closed: { zh: '已结束', en: 'closed' },
} as const;
