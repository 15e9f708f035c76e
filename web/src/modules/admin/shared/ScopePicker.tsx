import { Flex, Select, Switch, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Employer, ScopeInput, ScopeView } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { useI18n } from '../../../platform/i18n/i18n';
import { PlaceTreeSelect } from './PlaceTreeSelect';

interface Props {
  value?: ScopeInput;
  onChange?: (v: ScopeInput) => void;
  current?: ScopeView;
}

export function scopeInputOf(v: ScopeView): ScopeInput {
  return { all: v.all, placeIds: v.places.map((p) => p.id), employerIds: v.employers.map((e) => e.id) };
}

/** Where a user or token may act: everywhere, or some place subtrees and/or employers. */
export function ScopePicker({ value = { all: false, placeIds: [], employerIds: [] }, onChange, current }: Props) {
  const { t } = useI18n();
  const employers = useQuery({ queryKey: ['employers', 'all'], queryFn: () => api.get<{ items: Employer[] }>('/employers').then((r) => r.items) });
  const set = (patch: Partial<ScopeInput>) => onChange?.({ ...value, ...patch });
  return (
    <Flex vertical gap={8} data-testid="scope-picker">
      <Flex align="center" gap={8}>
        <Switch checked={value.all} onChange={(all) => set({ all })} data-testid="scope-all" />
        <Typography.Text>{t('scope.allSwitch')}</Typography.Text>
      </Flex>
      {!value.all ? (
        <>
          <PlaceTreeSelect
            value={value.placeIds}
            onChange={(placeIds) => set({ placeIds })}
            known={current?.places.map((p) => ({ id: p.id, label: p.label }))}
            testId="scope-places"
          />
          <Select
            mode="multiple"
            allowClear
            placeholder={t('scope.employersPlaceholder')}
            value={value.employerIds}
            onChange={(employerIds: number[]) => set({ employerIds })}
            showSearch={{ optionFilterProp: 'label' }}
            options={(employers.data ?? current?.employers ?? []).map((e) => ({ value: e.id, label: e.name }))}
            data-testid="scope-employers"
          />
        </>
      ) : null}
    </Flex>
  );
}

/** "全部", or the places and employers by name. */
export function ScopeSummary({ scope }: { scope: ScopeView }) {
  const { t } = useI18n();
  if (scope.all) return <Typography.Text>{t('scope.all')}</Typography.Text>;
  const parts = [...scope.places.map((p) => p.label), ...scope.employers.map((e) => e.name)];
  return parts.length ? <span>{parts.join(t('common.sep'))}</span> : <Typography.Text type="secondary">{t('scope.none')}</Typography.Text>;
}
