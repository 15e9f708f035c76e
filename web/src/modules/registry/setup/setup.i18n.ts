import type { SameKeys } from '../../../platform/i18n/types';

const zh = {
  setup: {
    title: '首次使用：建立区域',
    subtitle: '先建立协调中心、协调部和社区，再添加用户、导入居民',
    step: { places: '建立区域', users: '添加用户', residents: '导入居民' },
    hasTree: '已经有区域了：这里再建立的是另一个协调中心。要在现有区域下添加，请到“区域”页选择上级后点“添加下级”。',
    center: '协调中心名称',
    centerHint: '最上级的组织，如“西城社会化服务协调中心”',
    departmentN: '协调部 {{n}}',
    department: '协调部名称',
    removeDepartment: '删除这个协调部',
    communities: '下属社区（居委会）',
    communitiesHint: '输入社区名称后按回车，可输入多个；也可以用逗号或顿号分隔一次粘贴多个',
    addDepartment: '再添加一个协调部',
    submit: '建立',
    done_one: '已建立 {{count}} 个区域',
    done_other: '已建立 {{count}} 个区域',
    doneNext: '接下来：在“区域”中添加小区和楼栋，添加各社区的工作人员，再导入居民。',
    openTree: '查看区域',
    addUsers: '添加用户',
    importResidents: '导入居民',
    emptyTitle: '还没有任何区域',
    emptyText: '新安装的系统需要先建立协调中心、协调部和社区，其他功能（用户的管辖范围、居民导入、周期任务）都以区域为基础。',
    start: '开始建立区域',
    addCenter: '添加协调中心',
    noPlacesYet: '还没有区域，请联系系统管理员建立',
    tab: { form: '逐项填写', import: '从 Excel 导入区域' },
    import: {
      center: '协调中心名称',
      centerHint: '系统还没有协调中心：在此填写，或在文件的“协调中心”列中填写',
    },
  },
};

const en: SameKeys<typeof zh> = {
  setup: {
    title: 'First run: set up your places',
    subtitle: 'Create the coordination centre, its departments and communities first, then add users and import residents',
    step: { places: 'Places', users: 'Users', residents: 'Residents' },
    hasTree:
      'There are places already: what you enter here becomes another coordination centre. To add under an existing place, pick it on the Places page and use "Add child".',
    center: 'Coordination centre',
    centerHint: 'The top organisation, e.g. "Xicheng Community Services Coordination Centre"',
    departmentN: 'Department {{n}}',
    department: 'Department name',
    removeDepartment: 'Remove this department',
    communities: 'Its communities (residents’ committees)',
    communitiesHint: 'Type a community’s name and press Enter, as many as needed; or paste several separated by commas',
    addDepartment: 'Add another department',
    submit: 'Create',
    done_one: '{{count}} place created',
    done_other: '{{count}} places created',
    doneNext: 'Next: add compounds and buildings under Places, add each community’s staff, then import the residents.',
    openTree: 'Open places',
    addUsers: 'Add users',
    importResidents: 'Import residents',
    emptyTitle: 'No places yet',
    emptyText:
      'A new installation needs its coordination centre, departments and communities first: users’ scopes, the residents’ import and recurring duties all build on them.',
    start: 'Set up places',
    addCenter: 'Add a coordination centre',
    noPlacesYet: 'No places yet: ask your system administrator to set them up',
    tab: { form: 'Type them in', import: 'Import from Excel' },
    import: {
      center: 'Coordination centre',
      centerHint: "There is no centre yet: name it here, or in the file's 协调中心 (centre) column",
    },
  },
};

export { zh, en };
