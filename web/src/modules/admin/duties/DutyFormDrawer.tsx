import { useState } from 'react';
import { App, Button, Checkbox, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { ON_HOLIDAY, PLACE_TYPES, RECURRENCES, ROLES, type ObligationRuleView, type OnHoliday } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { applyFieldErrors } from '../../../platform/api/forms';
import { errorText } from '../../../platform/api/problem';
import { useI18n } from '../../../platform/i18n/i18n';
import { dayjs, todayLocal } from '../../../platform/time';
import { PlaceSelect } from '../../../platform/places/PlaceSelect';

interface Values {
  kind: string;
  titleZh: string;
  titleEn: string;
  placeId: number;
  targetType?: string | null;
  responsibleRole: string;
  recurrence: string;
  interval: number;
  times: string[];
  weekdays: number[];
  startsOn: Dayjs;
  endsOn?: Dayjs | null;
  escalateAfterMinutes?: number | null;
  onHoliday: OnHoliday;
  active: boolean;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A recurring duty: what, where (one place or each place of a type under it), who, how often, when it escalates. */
export function DutyFormDrawer({ rule, onClose, onSaved }: { rule: ObligationRuleView | null; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const recurrence = Form.useWatch('recurrence', form);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    const body = {
      kind: v.kind,
      title: { 'zh-CN': v.titleZh, 'en-US': v.titleEn },
      placeId: v.placeId,
      targetType: v.targetType || null,
      responsibleRole: v.responsibleRole,
      recurrence: v.recurrence,
      interval: v.interval ?? 1,
      times: v.times,
      weekdays: v.recurrence === 'weekly' ? (v.weekdays ?? []) : [],
      startsOn: v.startsOn.format('YYYY-MM-DD'),
      endsOn: v.endsOn ? v.endsOn.format('YYYY-MM-DD') : null,
      escalateAfterMinutes: v.escalateAfterMinutes ?? null,
      onHoliday: v.onHoliday,
      active: v.active,
    };
    try {
      if (rule) await api.put(`/obligation-rules/${rule.id}`, body);
      else await api.post('/obligation-rules', body);
      message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      if (
        !applyFieldErrors(form, err, lang, {
          'title.zh-CN': 'titleZh',
          'title.en-US': 'titleEn',
          'code:OBLIGATION_RULE_DATES': 'endsOn',
          'code:OBLIGATION_RULE_ROLE': 'responsibleRole',
        })
      ) {
        message.error(errorText(err, lang));
      }
    } finally {
      setBusy(false);
    }
  };

  const initial: Partial<Values> = rule
    ? {
        ...rule,
        titleZh: rule.title['zh-CN'],
        titleEn: rule.title['en-US'],
        startsOn: dayjs(rule.startsOn),
        endsOn: rule.endsOn ? dayjs(rule.endsOn) : null,
      }
    : {
        recurrence: 'daily',
        interval: 1,
        times: ['09:00'],
        weekdays: [],
        startsOn: todayLocal(),
        active: true,
        responsibleRole: 'community_staff',
        kind: 'duty.',
        onHoliday: 'keep',
      };

  return (
    <Drawer
      open
      size={600}
      title={rule ? t('duties.edit') : t('duties.new')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={submit} data-testid="duty-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={(changed: Partial<Values>) => {
          // Weekly and monthly duties skip holidays unless told otherwise (as the server's default); daily ones keep them.
          if (changed.recurrence) form.setFieldValue('onHoliday', changed.recurrence === 'weekly' || changed.recurrence === 'monthly' ? 'skip' : 'keep');
        }}
      >
        <Form.Item name="titleZh" label={t('duties.titleZh')} rules={[{ required: true, whitespace: true }]}>
          <Input placeholder="例如：楼道消杀" data-testid="duty-title-zh" />
        </Form.Item>
        <Form.Item name="titleEn" label={t('duties.titleEn')} rules={[{ required: true, whitespace: true }]}>
          <Input placeholder="e.g. Disinfect stairwells" data-testid="duty-title-en" />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('duties.kind')}
          extra={t('duties.kindHint')}
          rules={[{ required: true, pattern: /^[a-z0-9_.]+$/, message: t('duties.kindRule') }]}
        >
          <Input className="jy-mono" data-testid="duty-kind" />
        </Form.Item>
        <Form.Item name="placeId" label={t('duties.place')} rules={[{ required: true, message: t('duties.placeRequired') }]}>
          <PlaceSelect initialLabel={rule?.placeLabel} style={{ width: '100%' }} testId="duty-place" />
        </Form.Item>
        <Form.Item name="targetType" label={t('duties.targetType')} extra={t('duties.targetHint')}>
          <Select allowClear options={PLACE_TYPES.map((p) => ({ value: p, label: t(`codes.placeType.${p}`) }))} />
        </Form.Item>
        <Form.Item name="responsibleRole" label={t('duties.responsible')} rules={[{ required: true }]}>
          <Select options={ROLES.filter((r) => r !== 'resident').map((r) => ({ value: r, label: t(`codes.role.${r}`) }))} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="recurrence" label={t('duties.recurrence')} style={{ flex: 1 }}>
            <Select options={RECURRENCES.map((r) => ({ value: r, label: t(`codes.recurrence.${r}`) }))} />
          </Form.Item>
          {recurrence === 'every_n_days' ? (
            <Form.Item name="interval" label={t('duties.interval')} style={{ width: 140 }}>
              <InputNumber min={1} max={366} style={{ width: '100%' }} />
            </Form.Item>
          ) : null}
        </Space.Compact>
        {recurrence === 'weekly' ? (
          <Form.Item name="weekdays" label={t('duties.weekdays')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`codes.weekday.${d}`) }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="onHoliday" label={t('duties.onHoliday')} extra={t('duties.onHolidayHint')}>
          <Select options={ON_HOLIDAY.map((o) => ({ value: o, label: t(`duties.onHolidayOption.${o}`) }))} data-testid="duty-on-holiday" />
        </Form.Item>
        <Form.Item
          name="times"
          label={t('duties.times')}
          extra={t('duties.timesHint')}
          rules={[
            { required: true, type: 'array', min: 1, max: 12 },
            {
              validator: async (_r, v: string[] = []) => {
                if (v.some((x) => !TIME.test(x))) throw new Error(t('duties.timesRule'));
              },
            },
          ]}
        >
          <Select mode="tags" tokenSeparators={[',', ' ', '，']} open={false} data-testid="duty-times" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="startsOn" label={t('duties.startsOn')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="endsOn" label={t('duties.endsOn')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="escalateAfterMinutes" label={t('duties.escalate')} extra={t('duties.escalateHint')}>
          <InputNumber min={0} max={100000} style={{ width: 200 }} addonAfter={t('duties.minutes')} data-testid="duty-escalate" />
        </Form.Item>
        <Form.Item name="active" label={t('duties.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
