import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Radio } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { KeyOutlined, MobileOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { GateView } from '@jiayuan/contracts';
import { errorText } from '../../platform/api/problem';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { SecretOnce } from '../../platform/ui/SecretOnce';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { accessApi } from './access.api';

/** Gates of compounds and checkpoints; a device token for each gate's phone or laptop. */
export default function GatesPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { can } = useMe();
  const gates = useQuery({ queryKey: ['access', 'gates'], queryFn: accessApi.gates });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form) ?? 'gate';
  const manage = can('access.gate.manage');

  const create = async (v: { name: string; kind: 'gate' | 'checkpoint'; placeId: number }) => {
    try {
      await accessApi.createGate(v);
      setCreating(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['access', 'gates'] });
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  const token = async (g: GateView) => {
    try {
      setSecret((await accessApi.gateToken(g.id)).secret);
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };

  return (
    <>
      <PageHeader
        title={t('access.gates.title')}
        subtitle={t('access.gates.subtitle')}
        extra={
          <>
            <Link to="/gate">
              <Button icon={<MobileOutlined />}>{t('access.gates.openScanner')}</Button>
            </Link>
            {manage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="gate-new">
                {t('access.gates.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        {gates.error ? (
          <QueryError error={gates.error} />
        ) : (
          <DataTable<GateView>
            rowKey="id"
            loading={gates.isPending}
            dataSource={gates.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: t('access.gates.empty') }}
            columns={[
              { title: t('access.gates.name'), dataIndex: 'name' },
              { title: t('access.gates.kind'), dataIndex: 'kind', render: (k: GateView['kind']) => t(`access.gates.kinds.${k}`) },
              { title: t('access.gates.place'), dataIndex: 'placeLabel' },
              {
                key: 'token',
                render: (_, g) =>
                  manage ? (
                    <Button size="small" icon={<KeyOutlined />} onClick={() => void token(g)} data-testid={`gate-token-${g.id}`}>
                      {t('access.gates.token')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
      <Modal open={creating} title={t('access.gates.new')} onCancel={() => setCreating(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ kind: 'gate' }} onFinish={(v) => void create(v)}>
          <Form.Item name="kind" label={t('access.gates.kind')}>
            <Radio.Group optionType="button" options={(['gate', 'checkpoint'] as const).map((k) => ({ value: k, label: t(`access.gates.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('access.gates.name')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="placeId" label={t('access.gates.place')} rules={[{ required: true }]}>
            <PlaceSelect type={kind === 'gate' ? 'compound' : undefined} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={!!secret} title={t('access.gates.tokenTitle')} onCancel={() => setSecret(null)} footer={null}>
        <p>{t('access.gates.tokenHelp')}</p>
        {secret ? <SecretOnce value={secret} testId="gate-token-secret" /> : null}
      </Modal>
    </>
  );
}
