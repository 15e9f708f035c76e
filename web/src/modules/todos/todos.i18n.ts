import type { SameKeys } from '../../platform/i18n/types';

const zh = {
  todos: {
    title: '我的待办',
    subtitle: '{{name}}，以下是您负责的事项，按类别分组，每组按截止时间排序',
    overdue: '已逾期',
    dueToday: '今天到期',
    open: '待办',
    tab: { open: '全部待办', overdue: '已逾期', today: '今天到期', done: '已完成' },
    empty: '没有待办事项',
    emptyDone: '还没有完成的事项',
    col: { title: '事项', place: '区域', responsible: '负责', due: '截止时间', remaining: '剩余时间' },
    escalated: '已上报',
    me: '本人',
    complete: '完成',
    ticked: '已标记为完成',
    tickedMany: '已完成 {{n}} 项',
    doneLabel: '已完成',
    handle: '去办理',
    kindFilter: '类别',
    allKinds: '全部类别（{{n}} 类）',
    groupOverdue: '逾期 {{n}}',
    pickPage: '选中本页可完成的',
    completePicked: '完成所选（{{n}}）',
    completeGroup: '完成今天到期的 {{n}} 项',
    completeGroupConfirm: '将“{{what}}”中今天及以前到期的 {{n}} 项标记为完成？',
  },
};

const en: SameKeys<typeof zh> = {
  todos: {
    title: 'My to-dos',
    subtitle: '{{name}}, these are the things you are responsible for, by kind, soonest due first',
    overdue: 'Overdue',
    dueToday: 'Due today',
    open: 'Open',
    tab: { open: 'All open', overdue: 'Overdue', today: 'Due today', done: 'Done' },
    empty: 'Nothing to do',
    emptyDone: 'Nothing done yet',
    col: { title: 'To-do', place: 'Place', responsible: 'Responsible', due: 'Due', remaining: 'Time left' },
    escalated: 'Escalated',
    me: 'Me',
    complete: 'Done',
    ticked: 'Marked as done',
    tickedMany: '{{n}} marked as done',
    doneLabel: 'Done',
    handle: 'Open',
    kindFilter: 'Kind',
    allKinds: 'All kinds ({{n}})',
    groupOverdue: '{{n}} overdue',
    pickPage: 'Pick those on this page',
    completePicked: 'Complete picked ({{n}})',
    completeGroup: 'Complete the {{n}} due today',
    completeGroupConfirm: 'Mark the {{n}} of "{{what}}" due today or earlier as done?',
  },
};

export default { 'zh-CN': zh, 'en-US': en };
