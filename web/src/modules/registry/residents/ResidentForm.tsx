import { useState } from 'react';
import { App, Button, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ID_TYPES, RELATIONS, RESIDENT_TAGS, type Employer, type HouseholdSummary, type ResidentDetail } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { applyFieldErrors } from '../../../platform/api/forms';
import { errorText } from '../../../platform/api/problem';
import { useMe } from '../../../platform/auth/me';
import { useI18n } from '../../../platform/i18n/i18n';
import { PlaceSelect } from '../../../platform/places/PlaceSelect';
import { IdNumberField } from './IdNumberField';

interface Values {
  dwellingId?: number;
  householdId?: number | 'new';
  name: string;
  idType: string;
  idNumber?: string;
  phone?: string;
  relation: string;
  employerId?: number | null;
  tags: string[];
  note?: string;
}

interface Props {
  resident?: ResidentDetail;
  initialDwelling?: { id: number; label: string };
  onClose: () => void;
  onSaved: (r: ResidentDetail) => void;
}

/** New resident (in a dwelling, new or existing household) or edit one; the ID number is checked as typed. */
export function ResidentForm({ resident, initialDwelling, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const { can } = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const dwellingId = Form.useWatch('dwellingId', form);
  const households = useQuery({
    queryKey: ['households', 'in', dwellingId],
    queryFn: () => api.get<{ items: HouseholdSummary[] }>('/households', { placeId: dwellingId, pageSize: 50 }).then((r) => r.items),
    enabled: !resident && !!dwellingId,
  });
  const employers = useQuery({
    queryKey: ['employers', 'all'],
    queryFn: () => api.get<{ items: Employer[] }>('/employers').then((r) => r.items),
    enabled: can('employer.read'),
  });

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    const common = {
      name: v.name,
      idType: v.idType,
      idNumber: v.idNumber?.trim() || null,
      phone: v.phone?.trim() || null,
      relation: v.relation,
      employerId: v.employerId ?? null,
      tags: v.tags ?? [],
      note: v.note?.trim() || null,
    };
    try {
      const saved = resident
        ? await api.patch<ResidentDetail>(`/residents/${resident.id}`, { ...common, version: resident.version })
        : await api.post<ResidentDetail>('/residents', {
            ...common,
            ...(v.householdId && v.householdId !== 'new' ? { householdId: v.householdId } : { dwellingId: v.dwellingId }),
          });
      message.success(t('common.saved'));
      onSaved(saved);
    } catch (err) {
      const landed = applyFieldErrors(form, err, lang, {
        'code:REGISTRY_ID_NUMBER_INVALID': 'idNumber',
        'code:REGISTRY_ID_NUMBER_DUPLICATE': 'idNumber',
        'code:REGISTRY_PHONE_INVALID': 'phone',
      });
      if (!landed) message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  const initial: Partial<Values> = resident
    ? {
        name: resident.name,
        idType: resident.idType,
        relation: resident.relation,
        employerId: resident.employerId,
        tags: resident.tags,
        note: resident.note ?? '',
      }
    : { idType: 'resident_id', relation: 'head', tags: [], householdId: 'new', dwellingId: initialDwelling?.id };

  return (
    <Drawer
      open
      size={560}
      title={resident ? t('residents.editTitle', { name: resident.name }) : t('residents.new')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={submit} data-testid="resident-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid="resident-form">
        {!resident ? (
          <>
            <Form.Item name="dwellingId" label={t('residents.dwelling')} rules={[{ required: true, message: t('residents.dwellingRequired') }]}>
              <PlaceSelect
                type="dwelling"
                initialLabel={initialDwelling?.label}
                placeholder={t('residents.dwellingPlaceholder')}
                testId="resident-form-dwelling"
                style={{ width: '100%' }}
              />
            </Form.Item>
            {households.data?.length ? (
              <Form.Item name="householdId" label={t('residents.household')}>
                <Radio.Group
                  options={[
                    { value: 'new', label: t('residents.newHousehold') },
                    ...households.data.map((h) => ({ value: h.id, label: t('residents.joinHousehold', { head: h.headName ?? `#${h.id}`, n: h.members }) })),
                  ]}
                />
              </Form.Item>
            ) : null}
          </>
        ) : null}
        <Form.Item name="name" label={t('residents.name')} rules={[{ required: true, whitespace: true, max: 40, message: t('residents.nameRequired') }]}>
          <Input data-testid="resident-form-name" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="idType" label={t('residents.idType')} style={{ width: 200 }}>
            <Select options={ID_TYPES.map((x) => ({ value: x, label: t(`codes.idType.${x}`) }))} />
          </Form.Item>
          <IdNumberField form={form} existingMasked={resident?.idNumberMasked ?? null} />
        </Space.Compact>
        <Form.Item
          name="phone"
          label={t('residents.phone')}
          extra={resident?.phoneMasked ? t('residents.keepMasked', { v: resident.phoneMasked }) : undefined}
          rules={[{ pattern: /^(\+?86)?1[3-9]\d{9}$/, message: t('residents.phoneInvalid') }]}
        >
          <Input inputMode="tel" data-testid="resident-form-phone" />
        </Form.Item>
        <Form.Item name="relation" label={t('residents.relation')}>
          <Select options={RELATIONS.map((x) => ({ value: x, label: t(`codes.relation.${x}`) }))} data-testid="resident-form-relation" />
        </Form.Item>
        {can('employer.read') ? (
          <Form.Item name="employerId" label={t('residents.employer')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(employers.data ?? []).map((e) => ({ value: e.id, label: e.name }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="tags" label={t('residents.tags')}>
          <Select mode="multiple" options={RESIDENT_TAGS.map((x) => ({ value: x, label: t(`codes.tag.${x}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('residents.note')} rules={[{ max: 200 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
