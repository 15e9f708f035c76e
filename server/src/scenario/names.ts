import type { Random } from './random.js';

// Synthetic people: common surnames and given-name characters, combined at random. No real data.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红梅文玉兰海燕鹏飞宇浩然欣怡子涵梓萱雨萱一诺俊杰佳怡思远晨阳嘉怡春花雷蕾滨春秋建军丽华淑珍凤英德明永红';

export function personName(rng: Random): string {
  const surname = rng.pick([...SURNAMES]);
  const a = rng.pick([...GIVEN]);
  return rng.chance(0.35) ? surname + a : surname + a + rng.pick([...GIVEN]);
}

export const COMMUNITY_NAMES = [
  '敬业',
  '荟萃',
  '东旭',
  '龙潭',
  '建工',
  '白云',
  '蓝天',
  '文汇',
  '振兴',
  '和平',
  '幸福',
  '康居',
  '胜华',
  '东城',
  '河滨',
  '春晖',
  '安泰',
  '锦华',
  '清风',
  '明德',
  '金秋',
  '丽景',
  '朝阳',
  '兴盛',
  '华苑',
  '新村',
  '景苑',
  '福泽',
  '晨光',
  '广和',
];
export const COMPOUND_WORDS = ['建工', '白云', '蓝天', '石油', '花园', '阳光', '银座', '新苑', '翠湖', '金岸', '丽园', '福苑', '康乐', '锦绣', '映月', '龙居'];

/** Employer units in the oilfield style: drilling, production, logistics… (synthetic). */
export function employerName(i: number): string {
  const kinds = [
    '钻井公司',
    '采油厂',
    '油气集输总厂',
    '井下作业公司',
    '供电公司',
    '供水公司',
    '物资供应处',
    '机械厂',
    '测井公司',
    '勘探开发研究院',
    '地质录井公司',
    '运输公司',
  ];
  const places = ['渤海', '滨南', '鲁明', '胜利', '河口', '孤岛', '现河', '临盘', '东辛', '桩西', '纯梁', '海洋'];
  return `${places[i % places.length]}${kinds[Math.floor(i / places.length) % kinds.length]}${i >= places.length * kinds.length ? `${Math.floor(i / (places.length * kinds.length)) + 1}分部` : ''}`;
}
