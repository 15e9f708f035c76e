import { useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { PLACE_CHILDREN, type Place, type PlaceType } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { applyFieldErrors } from '../../../platform/api/forms';
import { errorText } from '../../../platform/api/problem';
import { useI18n } from '../../../platform/i18n/i18n';

interface Values {
  type: PlaceType;
  name: string;
  code?: string;
}

/** Add a child place (type limited to what the parent may hold) or rename a place. */
export function PlaceFormModal({ mode, place, onClose, onSaved }: { mode: 'add' | 'rename'; place: Place; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const childTypes = PLACE_CHILDREN[place.type];

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (mode === 'add') await api.post('/places', { parentId: place.id, type: v.type, name: v.name, code: v.code || null });
      else await api.patch(`/places/${place.id}`, { name: v.name, code: v.code || null, version: place.version });
      message.success(t('common.saved'));
      onSaved();
    } catch (err) {
      if (!applyFieldErrors(form, err, lang, { 'code:REGISTRY_PLACE_NAME_TAKEN': 'name' })) message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={mode === 'add' ? t('places.addChildTo', { name: place.name }) : t('places.renameTitle', { name: place.name })}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'place-form-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={mode === 'add' ? { type: childTypes[childTypes.length - 1] } : { name: place.name, code: place.code ?? '' }}
        data-testid="place-form"
      >
        {mode === 'add' ? (
          <Form.Item name="type" label={t('places.type')} rules={[{ required: true }]}>
            <Select options={childTypes.map((c) => ({ value: c, label: t(`codes.placeType.${c}`) }))} data-testid="place-form-type" />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label={t('places.name')} rules={[{ required: true, whitespace: true, max: 60, message: t('places.nameRequired') }]}>
          <Input autoFocus data-testid="place-form-name" />
        </Form.Item>
        <Form.Item name="code" label={t('places.code')} rules={[{ max: 40 }]}>
          <Input data-testid="place-form-code" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
