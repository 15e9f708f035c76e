import type { IdType, Relation, ResidentTag } from '@jiayuan/contracts';

/** The columns of the resident import template, in order. Headers match in Chinese or English. */
export const IMPORT_COLUMNS = [
  { key: 'community', zh: '社区', en: 'Community', required: true, width: 14 },
  { key: 'compound', zh: '小区', en: 'Compound', required: true, width: 14 },
  { key: 'building', zh: '楼栋', en: 'Building', required: true, width: 10 },
  { key: 'stairwell', zh: '单元', en: 'Stairwell', required: true, width: 8 },
  { key: 'dwelling', zh: '房号', en: 'Dwelling', required: true, width: 8 },
  { key: 'householdKey', zh: '户编号', en: 'Household no.', required: false, width: 10 },
  { key: 'relation', zh: '与户主关系', en: 'Relation to head', required: false, width: 12 },
  { key: 'name', zh: '姓名', en: 'Name', required: true, width: 10 },
  { key: 'idType', zh: '证件类型', en: 'ID type', required: false, width: 12 },
  { key: 'idNumber', zh: '证件号码', en: 'ID number', required: false, width: 22 },
  { key: 'phone', zh: '手机号码', en: 'Mobile', required: false, width: 14 },
  { key: 'employer', zh: '工作单位', en: 'Employer', required: false, width: 16 },
  { key: 'tags', zh: '标签', en: 'Tags', required: false, width: 16 },
  { key: 'note', zh: '备注', en: 'Note', required: false, width: 20 },
] as const;
export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];

export const RELATION_WORDS: Record<string, Relation> = {
  户主: 'head',
  本人: 'head',
  head: 'head',
  配偶: 'spouse',
  妻: 'spouse',
  妻子: 'spouse',
  夫: 'spouse',
  丈夫: 'spouse',
  spouse: 'spouse',
  子女: 'child',
  子: 'child',
  女: 'child',
  儿子: 'child',
  女儿: 'child',
  child: 'child',
  父母: 'parent',
  父亲: 'parent',
  母亲: 'parent',
  父: 'parent',
  母: 'parent',
  parent: 'parent',
  孙子女: 'grandchild',
  孙子: 'grandchild',
  孙女: 'grandchild',
  外孙: 'grandchild',
  外孙女: 'grandchild',
  grandchild: 'grandchild',
  祖父母: 'grandparent',
  祖父: 'grandparent',
  祖母: 'grandparent',
  外祖父: 'grandparent',
  外祖母: 'grandparent',
  grandparent: 'grandparent',
  兄弟姐妹: 'sibling',
  兄: 'sibling',
  弟: 'sibling',
  姐: 'sibling',
  妹: 'sibling',
  sibling: 'sibling',
  其他: 'other',
  other: 'other',
};

export const ID_TYPE_WORDS: Record<string, IdType> = {
  居民身份证: 'resident_id',
  身份证: 'resident_id',
  resident_id: 'resident_id',
  护照: 'passport',
  passport: 'passport',
  港澳居民来往内地通行证: 'hkmo_permit',
  港澳通行证: 'hkmo_permit',
  回乡证: 'hkmo_permit',
  hkmo_permit: 'hkmo_permit',
  台湾居民来往大陆通行证: 'taiwan_permit',
  台胞证: 'taiwan_permit',
  taiwan_permit: 'taiwan_permit',
  其他: 'other',
  other: 'other',
};

export const TAG_WORDS: Record<string, ResidentTag> = {
  党员: 'party_member',
  party_member: 'party_member',
  志愿者: 'volunteer',
  volunteer: 'volunteer',
  独居老人: 'care_lone_elderly',
  孤寡老人: 'care_lone_elderly',
  空巢老人: 'care_lone_elderly',
  care_lone_elderly: 'care_lone_elderly',
  失独: 'care_bereaved',
  失独家庭: 'care_bereaved',
  care_bereaved: 'care_bereaved',
  低保: 'care_low_income',
  低收入: 'care_low_income',
  care_low_income: 'care_low_income',
  大病: 'care_illness',
  重病: 'care_illness',
  care_illness: 'care_illness',
  残疾: 'care_disability',
  残疾人: 'care_disability',
  care_disability: 'care_disability',
  留守儿童: 'care_left_behind_child',
  care_left_behind_child: 'care_left_behind_child',
};

/**
 * Normalises a place name from a spreadsheet so that `3号楼`, `3 号楼`, `３号楼` and `3`
 * all find building 3, and `2单元` finds stairwell 2.
 */
export function placeKey(raw: string): string {
  const s = raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  const m = /^(\d+)(号楼|号|楼|栋|幢|单元|室)?$/.exec(s);
  return m ? m[1]! : s;
}
