import { defineErrors } from '../../platform/errors/app-error.js';

export const registryErrors = defineErrors({
  REGISTRY_PLACE_TYPE_NOT_ALLOWED: {
    status: 400,
    zh: '“{parent}”下不能直接建立“{type}”',
    en: 'A {typeEn} cannot be placed directly under a {parentEn}',
  },
  REGISTRY_PLACE_ROOT_NOT_ALLOWED: {
    status: 400,
    zh: '只有协调中心可以作为最上级区域',
    en: 'Only a coordination centre can be a top-level place',
  },
  REGISTRY_BRANCH_PARENT: {
    status: 400,
    zh: '第 {row} 个区域的上级须是列在它前面的区域',
    en: 'Place {row} must name a place listed before it as its parent',
  },
  REGISTRY_PLACE_NAME_TAKEN: { status: 409, zh: '同一上级下已有名为“{name}”的区域', en: 'There is already a place named "{name}" here' },
  REGISTRY_PLACE_IMPORT_STALE: {
    status: 409,
    zh: '核验之后区域已有变动（有同名区域被添加，或上级被删除），未导入任何区域；请取消后重新上传该文件',
    en: 'The places changed since the file was checked (a place of the same name was added, or a parent deleted); nothing was imported: cancel and upload the file again',
  },
  REGISTRY_PLACE_NOT_EMPTY: {
    status: 409,
    zh: '该区域下还有下级区域或住户，不能删除',
    en: 'This place still has places or households under it and cannot be deleted',
  },
  REGISTRY_PLACE_IN_USE: {
    status: 409,
    zh: '该区域仍是某些用户或令牌的管辖范围，不能删除',
    en: 'This place is still in the scope of some users or tokens and cannot be deleted',
  },
  REGISTRY_BUILDING_NOT_EMPTY: {
    status: 409,
    zh: '该楼栋已有单元，不能再按布局生成',
    en: 'This building already has stairwells; the layout can only be applied to an empty building',
  },
  REGISTRY_NOT_A_DWELLING: { status: 400, zh: '请选择具体的房屋', en: 'Choose a dwelling (a flat)' },
  REGISTRY_NOT_A_BUILDING: { status: 400, zh: '请选择楼栋', en: 'Choose a building' },
  REGISTRY_NOT_A_COMMUNITY: { status: 400, zh: '请选择社区', en: 'Choose a community' },
  REGISTRY_ID_NUMBER_INVALID: {
    status: 400,
    zh: '身份证号码不正确：{problemZh}',
    en: 'The ID number is not valid: {problemEn}',
  },
  REGISTRY_ID_NUMBER_DUPLICATE: {
    status: 409,
    zh: '该证件号码已登记在{where}',
    en: 'This ID number is already registered at {where}',
  },
  REGISTRY_PHONE_INVALID: { status: 400, zh: '手机号码不正确', en: 'The phone number is not valid' },
  REGISTRY_HOUSEHOLD_REQUIRED: {
    status: 400,
    zh: '请选择所在户，或选择房屋以新建一户',
    en: 'Choose a household, or a dwelling to start a new one',
  },
  REGISTRY_EMPLOYER_UNKNOWN: { status: 400, zh: '工作单位不存在', en: 'Unknown employer' },
  REGISTRY_EMPLOYER_NAME_TAKEN: { status: 409, zh: '单位“{name}”已存在', en: 'The employer "{name}" already exists' },
  REGISTRY_EMPLOYER_CODE_TAKEN: { status: 409, zh: '单位代码“{code}”已被使用', en: 'The employer code "{code}" is already in use' },
  REGISTRY_EMPLOYER_IN_USE: {
    status: 409,
    zh: '该单位仍有登记的职工或联络员，不能删除',
    en: 'This employer still has employees or liaisons on file and cannot be deleted',
  },
  REGISTRY_BUILDING_IN_OTHER_GRID: {
    status: 409,
    zh: '楼栋“{building}”已属于网格“{grid}”',
    en: 'Building "{building}" already belongs to grid "{grid}"',
  },
  REGISTRY_GRID_NAME_TAKEN: { status: 409, zh: '该社区已有名为“{name}”的网格', en: 'This community already has a grid named "{name}"' },
  REGISTRY_HEAD_NOT_IN_BUILDING: { status: 400, zh: '楼长须是本楼的居民', en: 'The building head must live in this building' },
  REGISTRY_HOUSEHOLD_NOT_EMPTY: {
    status: 409,
    zh: '该户还有成员，不能删除',
    en: 'This household still has members and cannot be deleted',
  },
});

/** Human wording of ID-number problems, for messages and import reports. */
export const ID_PROBLEM_TEXT = {
  format: { zh: '应为18位，最后一位可为X', en: 'it must have 18 characters, the last may be X' },
  region: { zh: '地区码不存在', en: 'unknown region code' },
  birthDate: { zh: '出生日期无效', en: 'the birth date is not a real date' },
  checksum: { zh: '校验码错误', en: 'the check digit is wrong' },
} as const;
