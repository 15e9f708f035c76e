import type { SameKeys } from '../../platform/i18n/types';

const zh = {
  todos: {
    title: '我的待办',
    subtitle: '{{name}}，以下是您负责的事项，按截止时间排序',
    overdue: '已逾期',
    dueToday: '今天到期',
    open: '待办',
    tab: { open: '全部待办', overdue: '已逾期', today: '今天到期', done: '已完成' },
    empty: '没有待办事项',
    emptyDone: '还没有完成的事项',
    col: { title: '事项', place: '区域', responsible: '负责', due: '截止时间', remaining: '剩余时间' },
    escalated: '已上报',
    provisional: '当年假期安排未录入',
    provisionalHint: '该年的国务院节假日安排尚未录入，期限暂按法定节日计算，录入后可能变化',
    me: '本人',
    complete: '完成',
    ticked: '已标记为完成',
    doneLabel: '已完成',
  },
};

const en: SameKeys<typeof zh> = {
  todos: {
    title: 'My to-dos',
    subtitle: '{{name}}, these are the things you are responsible for, soonest due first',
    overdue: 'Overdue',
    dueToday: 'Due today',
    open: 'Open',
    tab: { open: 'All open', overdue: 'Overdue', today: 'Due today', done: 'Done' },
    empty: 'Nothing to do',
    emptyDone: 'Nothing done yet',
    col: { title: 'To-do', place: 'Place', responsible: 'Responsible', due: 'Due', remaining: 'Time left' },
    escalated: 'Escalated',
    provisional: "Year's arrangement not entered",
    provisionalHint: "That year's holiday arrangement is not entered yet: the deadline counts the statutory holidays only and may change once it is",
    me: 'Me',
    complete: 'Done',
    ticked: 'Marked as done',
    doneLabel: 'Done',
  },
};

export default { 'zh-CN': zh, 'en-US': en };
