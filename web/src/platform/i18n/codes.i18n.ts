import type { IdType, PlaceType, platformAccess, Relation, ResidentTag, Role } from '@jiayuan/contracts';

type PlatformPermission = (typeof platformAccess.permissions)[number];

/** Labels for the codes in contracts (roles, permissions, place types, relations, tags, ID types). */
interface Codes {
  role: Record<Role, string>;
  /** The platform's own permissions; each module names its own (its audit-actions.i18n.ts). */
  permission: Record<PlatformPermission, string>;
  placeType: Record<PlaceType, string>;
  relation: Record<Relation, string>;
  tag: Record<ResidentTag, string>;
  idType: Record<IdType, string>;
  sex: Record<'male' | 'female', string>;
  recurrence: Record<'daily' | 'weekly' | 'monthly' | 'every_n_days' | 'working_days', string>;
  weekday: Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', string>;
}

const zh: Codes = {
  role: {
    center_coordinator: '协调中心专班人员',
    department_coordinator: '协调部专班人员',
    community_staff: '社区工作人员',
    station_staff: '协调站工作人员',
    employer_liaison: '单位联络员',
    property_staff: '物业人员',
    health_worker: '医务人员',
    volunteer: '志愿者',
    resident: '居民',
    auditor: '审计员',
    admin: '系统管理员',
  },
  permission: {
    'user.manage': '管理用户',
    'token.manage': '管理 API 令牌',
    'audit.read': '查看审计日志',
    'audit.export': '导出审计日志',
    'obligation.manage': '管理周期任务',
    'calendar.manage': '管理工作日历',
    'pass.manage': '管理通行凭证签名密钥',
    'dashboard.read': '查看数据看板',
  },
  placeType: {
    center: '协调中心',
    department: '协调部',
    community: '社区',
    station: '协调站',
    compound: '小区',
    building: '楼栋',
    stairwell: '单元',
    dwelling: '房屋',
  },
  relation: {
    head: '户主',
    spouse: '配偶',
    child: '子女',
    parent: '父母',
    grandchild: '孙子女',
    grandparent: '祖父母',
    sibling: '兄弟姐妹',
    other: '其他',
  },
  tag: {
    party_member: '党员',
    volunteer: '志愿者',
    care_lone_elderly: '独居老人',
    care_bereaved: '失独家庭',
    care_low_income: '低保/低收入',
    care_illness: '大病',
    care_disability: '残疾',
    care_left_behind_child: '留守儿童',
  },
  idType: {
    resident_id: '居民身份证',
    passport: '护照',
    hkmo_permit: '港澳居民来往内地通行证',
    taiwan_permit: '台胞证',
    other: '其他证件',
  },
  sex: { male: '男', female: '女' },
  recurrence: { daily: '每天', weekly: '每周', monthly: '每月', every_n_days: '每隔 N 天', working_days: '每个工作日' },
  weekday: { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' },
};

const en: Codes = {
  role: {
    center_coordinator: 'Centre task-force officer',
    department_coordinator: 'Department task-force officer',
    community_staff: 'Community staff',
    station_staff: 'Station staff',
    employer_liaison: 'Employer liaison',
    property_staff: 'Property staff',
    health_worker: 'Medical worker',
    volunteer: 'Volunteer',
    resident: 'Resident',
    auditor: 'Auditor',
    admin: 'Administrator',
  },
  permission: {
    'user.manage': 'Manage users',
    'token.manage': 'Manage API tokens',
    'audit.read': 'Read the audit log',
    'audit.export': 'Export the audit log',
    'obligation.manage': 'Manage recurring duties',
    'calendar.manage': 'Manage the work calendar',
    'pass.manage': 'Manage the keys that sign passes',
    'dashboard.read': 'See the dashboard',
  },
  placeType: {
    center: 'Centre',
    department: 'Department',
    community: 'Community',
    station: 'Station',
    compound: 'Compound',
    building: 'Building',
    stairwell: 'Stairwell',
    dwelling: 'Dwelling',
  },
  relation: {
    head: 'Head',
    spouse: 'Spouse',
    child: 'Child',
    parent: 'Parent',
    grandchild: 'Grandchild',
    grandparent: 'Grandparent',
    sibling: 'Sibling',
    other: 'Other',
  },
  tag: {
    party_member: 'Party member',
    volunteer: 'Volunteer',
    care_lone_elderly: 'Lone elderly',
    care_bereaved: 'Bereaved family',
    care_low_income: 'Low income',
    care_illness: 'Serious illness',
    care_disability: 'Disability',
    care_left_behind_child: 'Left-behind child',
  },
  idType: {
    resident_id: 'Resident ID card',
    passport: 'Passport',
    hkmo_permit: 'Mainland travel permit for HK/Macao residents',
    taiwan_permit: 'Taiwan permit',
    other: 'Other ID',
  },
  sex: { male: 'Male', female: 'Female' },
  recurrence: { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly', every_n_days: 'Every N days', working_days: 'Every working day' },
  weekday: { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' },
};

export { zh, en };
