import { defineErrors } from '../errors/app-error.js';

export const authErrors = defineErrors({
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  AUTH_ACCOUNT_LOCKED: {
    status: 423,
    zh: '连续输错密码次数过多，账号已锁定，请{minutes}分钟后再试',
    en: 'Too many wrong passwords; the account is locked, try again in {minutes} min',
  },
  AUTH_ACCOUNT_DISABLED: { status: 403, zh: '该账号已停用，请联系管理员', en: 'This account is disabled; contact an administrator' },
  AUTH_WRONG_PASSWORD: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  AUTH_PASSWORD_WEAK: {
    status: 400,
    zh: '新密码至少10位，且须包含字母和数字',
    en: 'The new password needs at least 10 characters with letters and digits',
  },
  AUTH_PASSWORD_REUSED: { status: 400, zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  AUTH_PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改初始密码，然后才能使用系统',
    en: 'Change your temporary password before using the system',
  },
  AUTH_OTP_INVALID: { status: 400, zh: '验证码错误或已过期', en: 'The code is wrong or has expired' },
  AUTH_OTP_TOO_SOON: { status: 429, zh: '请{seconds}秒后再获取验证码', en: 'Please wait {seconds} s before asking for another code' },
  AUTH_PHONE_INVALID: { status: 400, zh: '请输入正确的11位手机号码', en: 'Enter a valid 11-digit mobile number' },
  AUTH_TOKEN_INVALID: { status: 401, zh: '访问令牌无效、已过期或已撤销', en: 'The API token is invalid, expired or revoked' },
  USER_USERNAME_TAKEN: { status: 409, zh: '用户名“{username}”已被使用', en: 'The username "{username}" is taken' },
  USER_SCOPE_REQUIRED: {
    status: 400,
    zh: '请为该用户选择管辖范围（区域或单位）',
    en: 'Choose where this user works (places or an employer)',
  },
  USER_SCOPE_UNKNOWN: { status: 400, zh: '管辖范围中的区域或单位不存在', en: 'A place or employer in the scope does not exist' },
  USER_CANNOT_DISABLE_SELF: { status: 409, zh: '不能停用自己的账号', en: 'You cannot disable your own account' },
  USER_LAST_ADMIN: { status: 409, zh: '至少需要保留一名可用的管理员', en: 'At least one active administrator must remain' },
  TOKEN_ALREADY_REVOKED: { status: 409, zh: '该令牌已撤销', en: 'This token is already revoked' },
});
