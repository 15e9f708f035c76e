import { defineErrors } from '../../platform/errors/app-error.js';

export const inboundErrors = defineErrors({
  INBOUND_FIGURES_RANGE: {
    status: 400,
    zh: '日期范围不正确（开始不能晚于结束，最长 366 天）',
    en: 'The date range is not valid (the start cannot be after the end; 366 days at most)',
  },
  INBOUND_STATUS_CONFLICT: {
    status: 409,
    zh: '该申请已被他人处理，当前状态为“{statusZh}”，请刷新后查看',
    en: 'Someone else has already acted on this request; it is now "{statusEn}". Reload to see it',
  },
  INBOUND_ROUTE_REASON_REQUIRED: { status: 400, zh: '分派到住址以外的社区需填写原因', en: 'Routing to another community than the residence needs a reason' },
  INBOUND_ROUTE_SAME_COMMUNITY: { status: 400, zh: '请选择另一个社区', en: 'Choose another community' },
  INBOUND_ROUTE_COMMUNITY_REQUIRED: { status: 400, zh: '请选择要分派的社区', en: 'Choose the community to route to' },
  INBOUND_MEASURE_INVALID: {
    status: 400,
    zh: '管控措施天数不正确：居家观察或集中隔离至少 1 天，无需管控为 0 天',
    en: 'The measure’s days are not valid: observation or quarantine last at least 1 day, no measure 0 days',
  },
  INBOUND_APPEAL_USED: { status: 409, zh: '该申请已申诉过一次，不能再次申诉', en: 'This request has already been appealed once' },
  INBOUND_NOTICE_EXPIRED: { status: 409, zh: '审核通过通知单已过有效期，请重新申请', en: 'The approval notice has expired; a new request is needed' },
  INBOUND_ALREADY_REPORTED: { status: 409, zh: '已报备过抵达', en: 'Arrival has already been reported' },
  INBOUND_PERSON_REQUIRED: {
    status: 400,
    zh: '请选择已登记的居民，或填写姓名、身份证号、手机号和住址',
    en: 'Choose a registered resident, or give the name, ID number, phone and dwelling',
  },
  INBOUND_NOT_EMPLOYEE: { status: 400, zh: '该居民不是本单位职工', en: 'This resident is not an employee of your unit' },
  INBOUND_EMPLOYER_REQUIRED: { status: 400, zh: '请选择所属单位', en: 'Choose the employer unit' },
  INBOUND_DWELLING_REQUIRED: { status: 400, zh: '请选择居住的房屋', en: 'Choose the dwelling the person lives in' },
  INBOUND_ARRIVAL_DATE: { status: 400, zh: '计划抵达日期不能早于今天，也不能晚于 60 天后', en: 'The planned arrival must be between today and 60 days ahead' },
  INBOUND_ALREADY_OPEN: {
    status: 409,
    zh: '此人已有一份进行中的返程申请{whereZh}',
    en: 'This person already has a return request under way{whereEn}',
  },
  INBOUND_ID_NUMBER_INVALID: { status: 400, zh: '身份证号码不正确：{problemZh}', en: 'The ID number is not valid: {problemEn}' },
  INBOUND_PHONE_INVALID: { status: 400, zh: '手机号码不正确', en: 'The phone number is not valid' },
  INBOUND_PASS_INVALID: { status: 400, zh: '二维码无效或已过期', en: 'The QR code is not valid or has expired' },
});

/** Status names for messages. */
export const STATUS_TEXT: Record<string, { zh: string; en: string }> = {
  submitted: { zh: '待分派', en: 'awaiting routing' },
  routed: { zh: '待审核', en: 'awaiting review' },
  approved: { zh: '已通过', en: 'approved' },
  rejected: { zh: '未通过', en: 'rejected' },
  notified: { zh: '已通知本人', en: 'person notified' },
  arrived: { zh: '已抵达报备', en: 'arrived' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
};
