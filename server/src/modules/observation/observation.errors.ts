import { defineErrors } from '../../platform/errors/app-error.js';

export const observationErrors = defineErrors({
  OBSERVATION_NOT_OPEN: { status: 409, zh: '该观察已解除或已取消', en: 'This observation has already ended' },
  OBSERVATION_RELEASE_NOT_DUE: {
    status: 409,
    zh: '观察期未满，或有人最近一次体温/症状异常，暂不能提请解除',
    en: 'Release cannot be proposed yet: the period is not over, or someone’s latest reading is not normal',
  },
  OBSERVATION_NOT_PROPOSED: {
    status: 409,
    zh: '观察期未满或最近一次检测异常，尚不能解除',
    en: 'The period has not ended, or the latest reading is not normal: release is not yet possible',
  },
  OBSERVATION_PERSON_NOT_ON_CASE: { status: 400, zh: '此人不在该观察对象及其同户检测名单中', en: 'This person is not checked on this case' },
  OBSERVATION_MEMBER_NOT_IN_HOUSEHOLD: { status: 400, zh: '只能添加同户成员一同检测', en: 'Only members of the same household can be checked too' },
  OBSERVATION_READING_EMPTY: { status: 400, zh: '请填写体温或勾选症状', en: 'Enter a temperature or tick a symptom' },
  OBSERVATION_DATES: { status: 400, zh: '日期范围不正确（最长 62 天）', en: 'The date range is not valid (62 days at most)' },
  OBSERVATION_ALREADY_ACKNOWLEDGED: { status: 409, zh: '该预警已处理', en: 'This alert has already been handled' },
});
