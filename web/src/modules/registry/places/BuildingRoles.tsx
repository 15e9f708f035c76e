import { useState } from 'react';
import { App, Button, Modal, Select, Space, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlaceDetail } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { errorText } from '../../../platform/api/problem';
import { useI18n } from '../../../platform/i18n/i18n';
import { placeKeys } from '../../../platform/places/places.api';
import { listResidents } from '../residents/residents.api';

/** The building's 楼长: shown with the grid, and chosen among the building's own residents. */
export function BuildingHead({ building }: { building: PlaceDetail }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [choice, setChoice] = useState<number | null>(building.buildingHead?.residentId ?? null);
  const candidates = useQuery({
    queryKey: ['building-head-candidates', building.id, search],
    queryFn: () => listResidents({ placeId: building.id, q: search || undefined }, 1, 20),
    enabled: open,
  });
  const save = useMutation({
    mutationFn: (residentId: number | null) => api.put(`/places/${building.id}/building-head`, { residentId }),
    onSuccess: () => {
      message.success(t('places.headSaved'));
      setOpen(false);
      void qc.invalidateQueries({ queryKey: placeKeys.all });
    },
    onError: (err) => message.error(errorText(err, lang)),
  });
  const canEdit = building.actions.includes('layout') || building.actions.includes('update');

  return (
    <>
      <Space size={4}>
        <span data-testid="building-head">{building.buildingHead?.name ?? <Typography.Text type="secondary">{t('places.noHead')}</Typography.Text>}</span>
        {canEdit ? <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="building-head-edit" /> : null}
      </Space>
      <Modal
        open={open}
        title={t('places.headTitle', { name: building.name })}
        onCancel={() => setOpen(false)}
        okText={t('common.save')}
        onOk={() => save.mutate(choice)}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('places.headHint')}</Typography.Paragraph>
        <Select
          showSearch
          allowClear
          style={{ width: '100%' }}
          value={choice}
          placeholder={t('places.headPlaceholder')}
          filterOption={false}
          onSearch={setSearch}
          onChange={(v) => setChoice(v ?? null)}
          loading={candidates.isFetching}
          options={(candidates.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name} · ${r.dwellingLabel.split(' ').slice(-2).join(' ')}` }))}
          data-testid="building-head-select"
        />
      </Modal>
    </>
  );
}
