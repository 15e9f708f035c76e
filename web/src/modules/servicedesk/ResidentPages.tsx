import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, Image, Input, List, Rate, Segmented, Select, Space, Steps, Typography } from 'antd';
import { CameraOutlined, HomeOutlined, ToolOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import type { MyHousehold, OrderDetail, OrderSummary } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useSignedIn } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { PageSpin } from '../../platform/ui/PageSpin';
import { QueryError } from '../../platform/ui/QueryError';
import { MobileShell } from './MobileShell';
import { StatusTag } from './OrderBits';
import { SD, uploadPhoto, useCategories } from './servicedesk.api';

const MY = `${SD}/my/orders`;

/** On the resident's home page: report something, and my reports with their status. */
export function ResidentOrdersCard() {
  const { t, pick } = useI18n();
  const q = useQuery({ queryKey: ['sd', 'my-orders'], queryFn: () => api.get<{ items: OrderSummary[] }>(MY), retry: false });
  return (
    <Card
      title={
        <span style={{ fontSize: 18 }}>
          <ToolOutlined /> {t('sd.resident.entry')}
        </span>
      }
      data-testid="resident-orders"
    >
      <Typography.Paragraph type="secondary">{t('sd.resident.entryHint')}</Typography.Paragraph>
      <Link to="/resident/report">
        <Button type="primary" size="large" block data-testid="resident-report">
          {t('sd.resident.report')}
        </Button>
      </Link>
      {q.data?.items.length ? (
        <List
          style={{ marginTop: 12 }}
          dataSource={q.data.items.slice(0, 10)}
          renderItem={(o) => (
            <List.Item extra={<StatusTag status={o.status} />}>
              <Link to={`/resident/orders/${o.id}`} style={{ fontSize: 16 }} data-testid="resident-order-link">
                #{o.id} {pick(o.categoryName)}
              </Link>
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}

/** Reporting on the phone: what it is about, a description, photos; the dwelling is my own. */
export function ResidentReportPage() {
  const { t, lang, pick } = useI18n();
  const me = useSignedIn();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [kind, setKind] = useState<'repair' | 'complaint'>('repair');
  const [files, setFiles] = useState<File[]>([]);
  const cats = useCategories();
  const home = useQuery({ queryKey: ['resident-home', 'household'], queryFn: () => api.get<MyHousehold>('/me/household'), retry: false });
  const send = useMutation({
    mutationFn: async (v: { categoryId: number; description: string }) => {
      const o = await api.post<OrderDetail>(MY, v);
      for (const f of files) await uploadPhoto(`${MY}/${o.id}/photos`, f, me.csrfToken);
      return o;
    },
    onSuccess: (o) => {
      message.success(t('sd.resident.submitted'));
      void qc.invalidateQueries({ queryKey: ['sd'] });
      void navigate(`/resident/orders/${o.id}`);
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) message.error(errorText(err, lang));
    },
  });
  const options = (cats.data?.items ?? [])
    .filter((c) => (kind === 'repair' ? c.kind === 'repair' : c.kind !== 'repair'))
    .map((c) => ({ value: c.id, label: pick(c.name) }));
  return (
    <MobileShell title={t('sd.resident.report')} back="/resident" testId="resident-report-page">
      <Card>
        <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
          <HomeOutlined />
          <Typography.Text data-testid="resident-dwelling">{home.data?.dwellingLabel ?? '…'}</Typography.Text>
        </Flex>
        <Form form={form} layout="vertical" size="large" onFinish={(v) => send.mutate(v)}>
          <Form.Item label={t('sd.resident.kind')}>
            <Segmented
              block
              value={kind}
              onChange={(v) => {
                setKind(v as typeof kind);
                form.setFieldValue('categoryId', undefined);
              }}
              options={[
                { value: 'repair', label: t('sd.kind.repair') },
                { value: 'complaint', label: t('sd.kind.complaint') },
              ]}
              data-testid="resident-kind"
            />
          </Form.Item>
          <Form.Item name="categoryId" label={t('sd.resident.category')} rules={[{ required: true }]}>
            <Select options={options} data-testid="resident-category" />
          </Form.Item>
          <Form.Item name="description" label={t('sd.resident.description')} rules={[{ required: true, max: 2000 }]}>
            <Input.TextArea rows={4} placeholder={t('sd.resident.descriptionPh')} data-testid="resident-description" />
          </Form.Item>
          <Form.Item label={t('sd.resident.photos')}>
            <Space wrap>
              {files.map((f, i) => (
                <Image key={i} src={URL.createObjectURL(f)} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 6 }} preview={false} />
              ))}
              <label>
                <input
                  type="file"
                  accept="image/jpeg,image/png,image/webp"
                  capture="environment"
                  multiple
                  style={{ display: 'none' }}
                  data-testid="resident-photo-input"
                  onChange={(e) => {
                    setFiles([...files, ...(e.target.files ?? [])].slice(0, 9));
                    e.target.value = '';
                  }}
                />
                <span
                  className="ant-btn ant-btn-default ant-btn-lg"
                  style={{
                    display: 'inline-flex',
                    alignItems: 'center',
                    gap: 6,
                    padding: '6px 15px',
                    border: '1px dashed #999',
                    borderRadius: 8,
                    cursor: 'pointer',
                  }}
                >
                  <CameraOutlined /> {t('sd.resident.addPhoto')}
                </span>
              </label>
            </Space>
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={send.isPending} data-testid="resident-submit">
            {t('sd.resident.submit')}
          </Button>
        </Form>
      </Card>
    </MobileShell>
  );
}

/** One of my reports: its progress, photos, the result, and my rating when it is done. */
export function ResidentOrderPage() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const [rating, setRating] = useState(5);
  const q = useQuery({ queryKey: ['sd', 'my-order', id], queryFn: () => api.get<OrderDetail>(`${MY}/${id}`), refetchInterval: 30000 });
  const rate = useMutation({
    mutationFn: (reopen: boolean) => api.post<OrderDetail>(`${MY}/${id}/feedback`, { rating, reopen }),
    onSuccess: (o) => {
      qc.setQueryData(['sd', 'my-order', id], o);
      void qc.invalidateQueries({ queryKey: ['sd', 'my-orders'] });
      message.success(t('sd.resident.thanks'));
    },
    onError: (err) => message.error(errorText(err, lang)),
  });
  if (q.error) return <QueryError error={q.error} />;
  if (!q.data) return <PageSpin />;
  const o = q.data;
  return (
    <MobileShell title={`#${o.id} ${pick(o.categoryName)}`} back="/resident" testId="resident-order-page">
      <Card>
        <Flex vertical gap={8}>
          <StatusTag status={o.status} />
          <Typography.Text style={{ fontSize: 17 }}>{o.description}</Typography.Text>
          <Typography.Text type="secondary">{o.placeLabel}</Typography.Text>
          {o.owner ? (
            <Typography.Text type="secondary">
              {t('sd.detail.owner')}：{o.owner.name}
            </Typography.Text>
          ) : null}
          {o.workDone ? (
            <Typography.Text>
              {t('sd.detail.workDone')}：{o.workDone}
            </Typography.Text>
          ) : null}
          {o.reply ? (
            <Typography.Text>
              {t('sd.detail.reply')}：{o.reply}
            </Typography.Text>
          ) : null}
        </Flex>
      </Card>
      {o.actions.includes('feedback') ? (
        <Card title={t('sd.resident.rateTitle')} data-testid="resident-rate">
          <Flex vertical gap={12} align="center">
            <Rate value={rating} onChange={setRating} style={{ fontSize: 36 }} data-testid="resident-rating" />
            <Button
              type="primary"
              size="large"
              block
              loading={rate.isPending && rate.variables === false}
              onClick={() => rate.mutate(false)}
              data-testid="resident-confirm"
            >
              {t('sd.resident.fixed')}
            </Button>
            <Button size="large" block danger loading={rate.isPending && rate.variables === true} onClick={() => rate.mutate(true)}>
              {t('sd.resident.notFixed')}
            </Button>
          </Flex>
        </Card>
      ) : null}
      {o.rating ? (
        <Card>
          <Flex justify="center">
            <Rate disabled value={o.rating} />
          </Flex>
        </Card>
      ) : null}
      {o.photos.length ? (
        <Card title={t('sd.detail.photos')}>
          <Image.PreviewGroup>
            <Space wrap>
              {o.photos.map((p) => (
                <Image key={p.id} src={p.url} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 6 }} data-testid="order-photo" />
              ))}
            </Space>
          </Image.PreviewGroup>
        </Card>
      ) : null}
      <Card title={t('sd.resident.progress')}>
        {o.events.length ? (
          <Steps
            orientation="vertical"
            size="small"
            current={o.events.length - 1}
            items={o.events.map((e) => ({ title: t(`sd.event.${e.action}`, { defaultValue: e.action }), content: fmtDateTime(e.at) }))}
          />
        ) : (
          <Empty />
        )}
      </Card>
    </MobileShell>
  );
}
