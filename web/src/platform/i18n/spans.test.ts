import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../i18n-resources';
import { limitText, minutesText } from './spans';

const inst = i18next.createInstance();
beforeAll(async () => {
  await inst.init({
    resources: { 'zh-CN': { translation: resources['zh-CN'] }, 'en-US': { translation: resources['en-US'] } },
    lng: 'zh-CN',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
});

const both = async (f: () => string) => {
  await inst.changeLanguage('zh-CN');
  const zh = f();
  await inst.changeLanguage('en-US');
  return [zh, f()];
};

describe('lengths of time in words', () => {
  it('reads configured minutes as days, hours and minutes', async () => {
    expect(await both(() => minutesText(inst.t, 1440))).toEqual(['1 天', '1 day']);
    expect(await both(() => minutesText(inst.t, 2880))).toEqual(['2 天', '2 days']);
    expect(await both(() => minutesText(inst.t, 90))).toEqual(['1 小时 30 分钟', '1 hour 30 minutes']);
    expect(await both(() => minutesText(inst.t, 1))).toEqual(['1 分钟', '1 minute']);
    expect(await both(() => minutesText(inst.t, 1501))).toEqual(['1 天 1 小时 1 分钟', '1 day 1 hour 1 minute']);
  });

  it('says a service-desk limit with the plural English needs', async () => {
    expect(await both(() => limitText(inst.t, 1, 'working_days'))).toEqual(['1 个工作日', '1 working day']);
    expect(await both(() => limitText(inst.t, 3, 'working_days'))).toEqual(['3 个工作日', '3 working days']);
    expect(await both(() => limitText(inst.t, 1, 'working_hours'))).toEqual(['1 个工作小时', '1 working hour']);
    expect(await both(() => limitText(inst.t, 240, 'clock_minutes'))).toEqual(['4 小时', '4 hours']);
  });
});
