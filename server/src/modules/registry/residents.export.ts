import type { ResidentQuery } from '@jiayuan/contracts';
import type ExcelJS from 'exceljs';
import type { Ctx } from '../../platform/context.js';
import * as places from '../../platform/places/places.repository.js';
import { localDate } from '../../platform/time.js';
import { birthShown, maskedIdNumber, maskedPhone } from './personal-fields.js';
import { residentPolicy } from './residents.policy.js';
import type { ResidentFilter } from './residents.repository.js';
import { iterateResidents } from './residents.repository.js';

const RELATION_ZH: Record<string, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  grandparent: '祖父母',
  sibling: '兄弟姐妹',
  other: '其他',
};
const TAG_ZH: Record<string, string> = {
  party_member: '党员',
  volunteer: '志愿者',
  care_lone_elderly: '独居老人',
  care_bereaved: '失独',
  care_low_income: '低保',
  care_illness: '大病',
  care_disability: '残疾',
  care_left_behind_child: '留守儿童',
};

/** Every resident matching the filter, ID and phone masked (the birth date only where the exporter may reveal); audited with its filter. */
export async function writeResidentsWorkbook(ctx: Ctx, q: ResidentQuery, f: ResidentFilter, wb: ExcelJS.stream.xlsx.WorkbookWriter): Promise<number> {
  const ws = wb.addWorksheet('居民 Residents');
  ws.columns = [
    { header: '房屋 Dwelling', key: 'dwelling', width: 34 },
    { header: '户号 Household', key: 'household', width: 10 },
    { header: '与户主关系 Relation', key: 'relation', width: 10 },
    { header: '姓名 Name', key: 'name', width: 10 },
    { header: '证件号码 ID number', key: 'id', width: 22 },
    { header: '手机 Mobile', key: 'phone', width: 14 },
    { header: '出生日期 Born', key: 'born', width: 12 },
    { header: '年龄 Age', key: 'age', width: 6 },
    { header: '性别 Sex', key: 'sex', width: 6 },
    { header: '工作单位 Employer', key: 'employer', width: 16 },
    { header: '标签 Tags', key: 'tags', width: 20 },
  ];
  ws.getRow(1).font = { bold: true };
  let n = 0;
  const today = localDate(ctx.platform.clock.now(), ctx.platform.config.timezone);
  for await (const page of iterateResidents(ctx.platform.db, ctx.actor, f)) {
    const labels = await places.labelsForPaths(ctx.platform.db, [...new Set(page.map((x) => x.r.placePath))]);
    for (const { r, employerName } of page) {
      const birth = birthShown(residentPolicy.allows(ctx.actor, 'reveal', r), r.birthDate, today);
      ws.addRow({
        dwelling: labels.get(r.placePath) ?? '',
        household: r.householdId,
        relation: RELATION_ZH[r.relation] ?? r.relation,
        name: r.name,
        id: maskedIdNumber(ctx.platform.cipher, r.idNumberEnc) ?? '',
        phone: maskedPhone(ctx.platform.cipher, r.phoneEnc) ?? '',
        born: birth.birthDate ?? '',
        age: birth.age ?? '',
        sex: r.sex === 'male' ? '男' : r.sex === 'female' ? '女' : '',
        employer: employerName ?? '',
        tags: r.tags.map((t) => TAG_ZH[t] ?? t).join('、'),
      }).commit();
      n++;
    }
  }
  ws.commit();
  return n;
}

/** What the audit row of a residents export says of the request: its filters, and that a term was searched (never the term). */
export function residentExportDetails(q: ResidentQuery) {
  const { page: _p, pageSize: _s, q: term, ...filters } = q;
  return { filters, searched: term ? true : undefined };
}
