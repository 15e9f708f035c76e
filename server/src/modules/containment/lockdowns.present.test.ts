import { describe, expect, it } from 'vitest';
import { closeReasonText, reasonText, releaseText } from './lockdowns.present.js';

describe('why an order exists, in both languages', () => {
  it('names the rule, the threshold and the cases', () => {
    const r = reasonText('building', { rule: 'threshold', threshold: 2, windowDays: 14, caseIds: [7, 8, 9], people: 2 });
    expect(r['zh-CN']).toBe('封控规则：14 天内同一楼栋累计 2 人（阈值 2 人封楼栋）；病例 #7、#8、#9');
    expect(r['en-US']).toBe('Lockdown rule: 2 people with a case in this building within 14 days (2 seal a building); cases #7, #8, #9');
    expect(reasonText('stairwell', { rule: 'threshold', threshold: 1, windowDays: 10, caseIds: [3], people: 1 })['en-US']).toBe(
      'Lockdown rule: 1 person with a case in this stairwell within 10 days (1 seals a stairwell); cases #3',
    );
    // An order made before people were kept counts its cases.
    expect(reasonText('building', { rule: 'threshold', threshold: 2, windowDays: 14, caseIds: [7, 9] })['zh-CN']).toBe(
      '封控规则：14 天内同一楼栋累计 2 人（阈值 2 人封楼栋）；病例 #7、#9',
    );
  });

  it('keeps the coordinator’s words for a manual order', () => {
    expect(reasonText('compound', { rule: 'manual', note: '密接者集中' })).toEqual({ 'zh-CN': '人工封控：密接者集中', 'en-US': 'Manual lockdown: 密接者集中' });
  });
});

describe('the release criterion, in both languages', () => {
  it('counts from the last case', () => {
    const r = releaseText({ rule: 'threshold', lastCaseOn: '2026-03-02', releaseDays: 14 }, '2026-03-16');
    expect(r).toEqual({
      'zh-CN': '最后一例病例（2026-03-02）后满 14 天无新增，即 2026-03-16 起可解封',
      'en-US': '14 days after the last case (2026-03-02) with no new case: releasable from 2026-03-16',
    });
  });

  it('shows a manual date as the coordinator’s, unless a later case moved it', () => {
    expect(releaseText({ rule: 'manual', releaseOn: '2026-04-01' }, '2026-04-01')!['en-US']).toBe('Set by the coordinator: releasable from 2026-04-01');
    expect(releaseText({ rule: 'manual', releaseOn: '2026-04-01', lastCaseOn: '2026-03-25', releaseDays: 14 }, '2026-04-08')!['zh-CN']).toContain(
      '最后一例病例（2026-03-25）',
    );
    expect(releaseText({ rule: 'manual' }, null)).toBeNull();
  });
});

describe('why an order was closed', () => {
  it('translates what the system wrote and keeps what a person wrote', () => {
    expect(closeReasonText('superseded by order 12')!['zh-CN']).toBe('已由更大范围的封控令 #12 取代');
    expect(closeReasonText('withdrawn: the rule no longer calls for it')!['en-US']).toBe('Withdrawn: the cases no longer call for it');
    expect(closeReasonText('14天无新增')).toEqual({ 'zh-CN': '14天无新增', 'en-US': '14天无新增' });
    expect(closeReasonText(null)).toBeNull();
  });
});
