import { defineErrors } from '../../platform/errors/app-error.js';

/** Row-level problems in a place-tree import (shown in the error report, not as HTTP errors). */
export const placeImportErrors = defineErrors({
  ROW_PLACE_LEVEL_MISSING: {
    status: 400,
    zh: '这一级为空，但后面填写了下级区域（只有协调站可以空）',
    en: 'This level is empty while a deeper level is filled in (only the station may be left empty)',
  },
  ROW_PLACE_NAME_TOO_LONG: { status: 400, zh: '名称过长，最多60个字', en: 'Name is too long (at most 60 characters)' },
  ROW_PLACE_TYPE_CONFLICT: {
    status: 400,
    zh: '同一上级下已有同名的另一级区域（例如同名的协调站和小区）',
    en: 'The parent already holds a place of this name at another level (e.g. a station and a compound of one name)',
  },
  ROW_PLACE_TYPE_NOT_ALLOWED: { status: 400, zh: '这一级区域不能放在该上级之下', en: 'A place of this level cannot sit under that parent' },
  ROW_PLACE_OUT_OF_SCOPE: {
    status: 400,
    zh: '不在您的管辖范围内，不能在此添加区域',
    en: 'Outside the places you manage: nothing can be added here',
  },
  ROW_PLACE_CENTER_MISSING: {
    status: 400,
    zh: '还没有协调中心：请填写协调中心列，或在导入时填写中心名称',
    en: 'There is no coordination centre yet: fill in the centre column, or give the centre’s name when importing',
  },
  ROW_PLACE_CENTER_AMBIGUOUS: {
    status: 400,
    zh: '系统中有多个协调中心，请在协调中心列写明放在哪一个之下',
    en: 'There are several coordination centres: name the one this row goes under in the centre column',
  },
});
