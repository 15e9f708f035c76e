import { defineErrors } from './app-error.js';

/** Errors every module may raise. */
export const commonErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, zh: '提交的内容有误，请检查标出的字段', en: 'Some fields are invalid; please check them' },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确', en: 'The request is malformed' },
  INPUT_NUL_CHARACTER: {
    status: 400,
    zh: '提交的内容含有不允许的空字符（NUL，\\u0000），请删除后重试',
    en: 'The input contains a NUL character (\\u0000), which is not allowed; remove it and try again',
  },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  FORBIDDEN: { status: 403, zh: '您没有权限进行此操作', en: 'You are not allowed to do this' },
  CSRF_REJECTED: {
    status: 403,
    zh: '请求来源校验失败，请刷新页面后重试',
    en: 'The request failed the cross-site check; reload the page and try again',
  },
  NOT_FOUND: { status: 404, zh: '找不到该记录，或您无权查看', en: 'Not found, or you may not see it' },
  ROUTE_NOT_FOUND: { status: 404, zh: '没有这个接口', en: 'No such endpoint' },
  STALE_VERSION: {
    status: 409,
    zh: '该记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  CONFLICT: { status: 409, zh: '操作与当前状态冲突', en: 'This conflicts with the current state' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '上传的内容过大', en: 'The upload is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试', en: 'Too many attempts; try again later' },
  INTERNAL: { status: 500, zh: '系统内部错误，已记录，请稍后重试', en: 'Internal error; it has been logged, please try again later' },
  UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
});
