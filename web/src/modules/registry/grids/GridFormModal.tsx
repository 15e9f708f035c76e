import { useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Grid, UserView } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { applyFieldErrors } from '../../../platform/api/forms';
import { errorText } from '../../../platform/api/problem';
import { useMe } from '../../../platform/auth/me';
import { useI18n } from '../../../platform/i18n/i18n';
import { PlaceMultiSelect } from '../../../platform/places/PlaceMultiSelect';
import { PlaceSelect } from '../../../platform/places/PlaceSelect';

interface Values {
  communityId: number;
  name: string;
  gridWorkerUserId: number | null;
  buildingIds: number[];
}

/** Create or edit a grid: its community, name, grid worker and buildings. */
export function GridFormModal({ grid, onClose, onSaved }: { grid: Grid | null; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { can } = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  // Only user managers can list users; others keep the current grid worker.
  const users = useQuery({
    queryKey: ['users', 'pick'],
    queryFn: () => api.get<{ items: UserView[] }>('/users', { pageSize: 200 }).then((r) => r.items),
    enabled: can('user.manage'),
  });
  const workerOptions = (users.data ?? []).filter((u) => !u.disabled).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));
  if (grid?.gridWorkerUserId && !workerOptions.some((o) => o.value === grid.gridWorkerUserId)) {
    workerOptions.unshift({ value: grid.gridWorkerUserId, label: grid.gridWorkerName ?? `#${grid.gridWorkerUserId}` });
  }

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const body = { ...v, gridWorkerUserId: v.gridWorkerUserId ?? null, buildingIds: v.buildingIds ?? [] };
      if (grid) await api.put(`/grids/${grid.id}`, body);
      else await api.post('/grids', body);
      message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      if (
        !applyFieldErrors(form, err, lang, {
          'code:REGISTRY_GRID_NAME_TAKEN': 'name',
          'code:REGISTRY_BUILDING_IN_OTHER_GRID': 'buildingIds',
          'code:REGISTRY_NOT_A_COMMUNITY': 'communityId',
        })
      ) {
        message.error(errorText(err, lang));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={620}
      title={grid ? t('grids.edit') : t('grids.new')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          grid
            ? { communityId: grid.communityId, name: grid.name, gridWorkerUserId: grid.gridWorkerUserId, buildingIds: grid.buildings.map((b) => b.id) }
            : { buildingIds: [], gridWorkerUserId: null }
        }
      >
        <Form.Item name="communityId" label={t('grids.community')} rules={[{ required: true, message: t('grids.communityRequired') }]}>
          <PlaceSelect type="community" initialLabel={grid?.communityName} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="name" label={t('grids.name')} rules={[{ required: true, whitespace: true, max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="gridWorkerUserId" label={t('grids.worker')} extra={can('user.manage') ? undefined : t('grids.workerHint')}>
          <Select allowClear disabled={!can('user.manage')} showSearch={{ optionFilterProp: 'label' }} options={workerOptions} />
        </Form.Item>
        <Form.Item name="buildingIds" label={t('grids.buildings')}>
          <PlaceMultiSelect type="building" known={grid?.buildings.map((b) => ({ id: b.id, label: b.label })) ?? []} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
