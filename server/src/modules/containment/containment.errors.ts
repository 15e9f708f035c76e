import { defineErrors } from '../../platform/errors/app-error.js';

export const containmentErrors = defineErrors({
  CONTAINMENT_NOT_A_DWELLING: { status: 400, zh: '请选择一户房屋（具体到门牌）', en: 'Choose a dwelling (a flat)' },
  CONTAINMENT_DWELLING_UNPLACED: {
    status: 400,
    zh: '该房屋不在“小区 → 楼栋 → 单元”之下，无法按封控规则计数',
    en: 'This dwelling is not under a compound, building and stairwell, so the lockdown rule cannot count it',
  },
  CONTAINMENT_RESIDENT_NOT_IN_DWELLING: { status: 400, zh: '该居民不住在所选房屋', en: 'This resident does not live in the chosen dwelling' },
  CONTAINMENT_DATES: {
    status: 400,
    zh: '日期不正确：报告日期不能晚于今天，发病日期不能晚于报告日期',
    en: 'Dates are not valid: the report cannot be after today, nor the onset after the report',
  },
  CONTAINMENT_CASE_STATE: { status: 409, zh: '该病例当前状态不能执行此操作：{state}', en: 'This case cannot do that in its current state: {state}' },
  CONTAINMENT_ORDER_STATE: {
    status: 409,
    zh: '该封控令当前状态不能执行此操作：{state}',
    en: 'This lockdown order cannot do that in its current state: {state}',
  },
  CONTAINMENT_REASON_REQUIRED: { status: 400, zh: '请填写理由', en: 'Give a reason' },
  CONTAINMENT_PLACE_LEVEL: { status: 400, zh: '只能封控单元、楼栋或小区', en: 'Only a stairwell, a building or a compound can be locked down' },
  CONTAINMENT_ALREADY_SEALED: {
    status: 409,
    zh: '该区域已有待确认或生效中的封控令（或其所在区域已封控）',
    en: 'This place already has a proposed or active lockdown (or lies inside one)',
  },
  CONTAINMENT_RELEASE_DATE: { status: 400, zh: '解封日期不能早于今天', en: 'The release date cannot be before today' },
});
