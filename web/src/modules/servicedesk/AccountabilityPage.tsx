import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, Modal, Radio, Row, Segmented, Tag, Typography } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { BreachView } from '@jiayuan/contracts';
import { api, apiUrl } from '../../platform/api/client';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { SD, useServicedeskLive } from './servicedesk.api';

type State = 'all' | 'unexplained' | 'unreviewed';
interface Summary {
  people: { userId: number; name: string; breaches: number; unexplained: number; upheld: number }[];
  teams: { teamId: number; name: string; breaches: number; unexplained: number; upheld: number }[];
}

/** Every missed limit with who held it and the reason given; per person and team; review and export. */
export default function AccountabilityPage() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [state, setState] = useState<State>('all');
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<{ kind: 'explain' | 'review'; b: BreachView } | null>(null);
  const [form] = Form.useForm();
  const list = useQuery({
    queryKey: ['sd', 'breaches', state, page],
    queryFn: () => api.get<{ items: BreachView[]; total: number }>(`${SD}/breaches`, { state, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const summary = useQuery({ queryKey: ['sd', 'breaches', 'summary'], queryFn: () => api.get<Summary>(`${SD}/breaches/summary`) });
  useServicedeskLive([['sd', 'breaches']]);
  const act = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post<BreachView>(`${SD}/breaches/${dialog!.b.id}/${dialog!.kind === 'explain' ? 'reason' : 'review'}`, v),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['sd', 'breaches'] });
      setDialog(null);
      form.resetFields();
    },
    onError: (err) => message.error(errorText(err, lang)),
  });
  const cols = (first: string) => [
    { title: first, dataIndex: 'name' },
    { title: t('sd.acc.breaches'), dataIndex: 'breaches', align: 'right' as const },
    { title: t('sd.acc.unexplained'), dataIndex: 'unexplained', align: 'right' as const },
    { title: t('sd.acc.upheld'), dataIndex: 'upheld', align: 'right' as const },
  ];
  return (
    <>
      <PageHeader
        title={t('sd.acc.title')}
        subtitle={t('sd.acc.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={apiUrl(`${SD}/breaches/export.xlsx`, { state })} data-testid="breaches-export">
            {t('sd.acc.export')}
          </Button>
        }
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}>
          <Card title={t('sd.acc.people')} size="small">
            <DataTable
              rowKey="userId"
              size="small"
              pagination={{ pageSize: 5, hideOnSinglePage: true }}
              dataSource={summary.data?.people ?? []}
              columns={cols(t('sd.acc.col.holder'))}
              data-testid="breaches-people"
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('sd.acc.teams')} size="small">
            <DataTable
              rowKey="teamId"
              size="small"
              pagination={{ pageSize: 5, hideOnSinglePage: true }}
              dataSource={summary.data?.teams ?? []}
              columns={cols(t('sd.acc.col.team'))}
              data-testid="breaches-teams"
            />
          </Card>
        </Col>
      </Row>
      <Card
        title={t('sd.acc.records')}
        extra={
          <Segmented
            value={state}
            onChange={(v) => {
              setState(v as State);
              setPage(1);
            }}
            options={(['all', 'unexplained', 'unreviewed'] as const).map((s) => ({ value: s, label: t(`sd.acc.state.${s}`) }))}
          />
        }
      >
        {list.error ? <QueryError error={list.error} /> : null}
        <DataTable<BreachView>
          rowKey="id"
          size="middle"
          data-testid="breaches-table"
          dataSource={list.data?.items ?? []}
          loading={list.isFetching && !list.data}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          scroll={{ x: 1100 }}
          columns={[
            {
              title: t('sd.acc.col.order'),
              render: (_, b) => (
                <>
                  <Link to={`/servicedesk/orders/${b.orderId}`}>#{b.orderId}</Link> <Typography.Text type="secondary">{pick(b.categoryName)}</Typography.Text>
                </>
              ),
            },
            { title: t('sd.acc.col.stage'), render: (_, b) => <Tag color="red">{t(`sd.stage.${b.stage}`)}</Tag>, width: 80 },
            { title: t('sd.acc.col.due'), render: (_, b) => fmtDateTime(b.dueAt), width: 140 },
            { title: t('sd.acc.col.done'), render: (_, b) => (b.doneAt ? fmtDateTime(b.doneAt) : '—'), width: 140 },
            { title: t('sd.acc.col.holder'), render: (_, b) => <span data-testid="breach-holder">{b.holder?.name ?? '—'}</span> },
            { title: t('sd.acc.col.owner'), render: (_, b) => b.owner?.name ?? '—' },
            { title: t('sd.acc.col.team'), render: (_, b) => b.team?.name ?? '—' },
            { title: t('sd.acc.col.reason'), render: (_, b) => b.reason ?? <Typography.Text type="warning">{t('sd.acc.unexplained')}</Typography.Text> },
            {
              title: t('sd.acc.col.review'),
              render: (_, b) => (
                <>
                  {b.review ? (
                    <Tag color={b.review === 'upheld' ? 'red' : 'green'}>{t(b.review === 'upheld' ? 'sd.acc.upheldV' : 'sd.acc.excused')}</Tag>
                  ) : null}
                  {b.escalatedToDepartment ? <Tag>{t('sd.acc.escalated')}</Tag> : null}
                  {b.actions.includes('explain') ? (
                    <Button size="small" onClick={() => setDialog({ kind: 'explain', b })} data-testid="breach-explain">
                      {t('sd.acc.explain')}
                    </Button>
                  ) : null}
                  {b.actions.includes('review') ? (
                    <Button size="small" onClick={() => setDialog({ kind: 'review', b })} data-testid="breach-review">
                      {t('sd.acc.review')}
                    </Button>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!dialog}
        title={dialog ? t(`sd.acc.${dialog.kind}`) : ''}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => act.mutate(v)}>
          {dialog?.kind === 'explain' ? (
            <Form.Item name="reason" label={t('sd.form.reason')} rules={[{ required: true, max: 500 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="verdict" rules={[{ required: true }]}>
                <Radio.Group
                  options={[
                    { value: 'upheld', label: t('sd.acc.upheldV') },
                    { value: 'excused', label: t('sd.acc.excused') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="note" label={t('sd.form.note')}>
                <Input maxLength={500} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
