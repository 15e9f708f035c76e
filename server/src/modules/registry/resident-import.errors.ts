import { defineErrors } from '../../platform/errors/app-error.js';

/** Row-level problems in a resident import (shown in the error report, not as HTTP errors). */
export const residentImportErrors = defineErrors({
  ROW_REQUIRED: { status: 400, zh: '必填项为空', en: 'Required field is empty' },
  ROW_NAME_TOO_LONG: { status: 400, zh: '姓名过长', en: 'Name is too long' },
  ROW_UNKNOWN_DWELLING: {
    status: 400,
    zh: '找不到该房屋（社区/小区/楼栋/单元/房号），或不在您的管辖范围',
    en: 'No such dwelling (community/compound/building/stairwell/flat) in your scope',
  },
  ROW_ID_FORMAT: { status: 400, zh: '身份证号码应为18位，最后一位可为X', en: 'ID number must have 18 characters, the last may be X' },
  ROW_ID_REGION: { status: 400, zh: '身份证号码地区码不存在', en: 'ID number has an unknown region code' },
  ROW_ID_BIRTH_DATE: { status: 400, zh: '身份证号码中的出生日期无效', en: 'ID number has an invalid birth date' },
  ROW_ID_CHECKSUM: { status: 400, zh: '身份证号码校验码错误', en: 'ID number check digit is wrong' },
  ROW_ID_TYPE: { status: 400, zh: '证件类型无法识别', en: 'Unknown ID type' },
  ROW_DUPLICATE_IN_FILE: { status: 400, zh: '证件号码与文件中另一行重复', en: 'ID number repeats another row of the file' },
  ROW_DUPLICATE_EXISTING: { status: 400, zh: '该人员已登记（证件号码重复）', en: 'This person is already registered (same ID number)' },
  ROW_PHONE: { status: 400, zh: '手机号码应为11位数字', en: 'Mobile number must have 11 digits' },
  ROW_UNKNOWN_EMPLOYER: { status: 400, zh: '工作单位不存在', en: 'Unknown employer' },
  ROW_RELATION: { status: 400, zh: '与户主关系无法识别', en: 'Unknown relation to the head' },
  ROW_TAG: { status: 400, zh: '标签无法识别', en: 'Unknown tag' },
});
