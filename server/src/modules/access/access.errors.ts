import { defineErrors } from '../../platform/errors/app-error.js';

export const accessErrors = defineErrors({
  ACCESS_TICKET_EXISTS: {
    status: 409,
    zh: '该户两天内已发过出入通行门票（一户一票，两天一票）',
    en: 'This household was issued an entry ticket less than two days ago (one ticket per household every two days)',
  },
  ACCESS_TICKET_NOT_RENEWABLE: {
    status: 409,
    zh: '出入通行门票不能续期：两天一票，到期后再发新票',
    en: 'An entry ticket cannot be renewed: one ticket every two days; issue a new one when it ends',
  },
  ACCESS_PASS_NOT_FOR_GATE: {
    status: 400,
    zh: '该通行证不属于本门岗所在小区（区域），不能登记为放行',
    en: 'This pass is not for this gate’s compound or area; it cannot be recorded as allowed',
  },
  ACCESS_RESIDENT_NOT_FOR_GATE: {
    status: 400,
    zh: '该居民不在本门岗所在小区（区域）登记',
    en: 'This resident is not registered in this gate’s compound or area',
  },
  ACCESS_HOST_NOT_FOR_GATE: { status: 400, zh: '被访住户不在本门岗所在小区（区域）', en: 'The host dwelling is not in this gate’s compound or area' },
  ACCESS_PASS_NOT_ACTIVE: { status: 409, zh: '该通行证已注销，不能再操作', en: 'This pass has been revoked; it can no longer be changed' },
  ACCESS_RESIDENT_NO_HOUSEHOLD: { status: 400, zh: '该居民没有登记住户，不能发放门票', en: 'This resident belongs to no household; no ticket can be issued' },
  ACCESS_PLACE_NOT_FOR_GATE: {
    status: 400,
    zh: '门岗须设在小区，卡口须设在社区或小区等区域',
    en: 'A gate stands at a compound; a checkpoint at a community, compound or other area',
  },
  ACCESS_GATE_NAME_TAKEN: { status: 409, zh: '该处已有同名门岗', en: 'A gate of that name already exists there' },
  ACCESS_PLATE_INVALID: { status: 400, zh: '车牌号格式不正确（含新能源车牌）', en: 'The plate number is not valid (new-energy plates included)' },
  ACCESS_ID_NUMBER_INVALID: { status: 400, zh: '身份证号格式不正确', en: 'The ID number is not valid' },
  ACCESS_EVENT_TIME: { status: 400, zh: '登记时间不能晚于现在，也不能早于 30 天前', en: 'The event time cannot be in the future or more than 30 days ago' },
  ACCESS_VISITOR_PHONE_INVALID: { status: 400, zh: '访客手机号格式不正确', en: 'The visitor’s phone number is not valid' },
  ACCESS_FIGURES_RANGE: { status: 400, zh: '日期范围不正确（最长 62 天）', en: 'The date range is not valid (62 days at most)' },
});
