import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, List, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { DataTable } from '../../../platform/ui/DataTable';
import { DeleteOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import type { ResidentDetail } from '@jiayuan/contracts';
import { api } from '../../../platform/api/client';
import { ApiError, errorText } from '../../../platform/api/problem';
import { useI18n } from '../../../platform/i18n/i18n';
import { fmtDateTime } from '../../../platform/time';
import { PageHeader } from '../../../platform/ui/PageHeader';
import { PageSpin } from '../../../platform/ui/PageSpin';
import { QueryError } from '../../../platform/ui/QueryError';
import { ResidentForm } from './ResidentForm';
import { RevealModal } from './RevealModal';
import { getResident, residentKeys } from './residents.api';

type Field = 'idNumber' | 'phone';

/** One resident: every field, the household, edit/delete, and an audited reveal of ID or phone. */
export default function ResidentDetailPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [editing, setEditing] = useState(false);
  const [revealing, setRevealing] = useState<Field | null>(null);
  const [revealed, setRevealed] = useState<Partial<Record<Field, string | null>>>({});
  const q = useQuery({ queryKey: residentKeys.detail(id), queryFn: () => getResident(id), enabled: Number.isFinite(id) });
  const del = useMutation({
    mutationFn: () => api.delete(`/residents/${id}`),
    onSuccess: () => {
      message.success(t('residents.deleted'));
      void qc.invalidateQueries({ queryKey: residentKeys.all });
      void navigate('/residents');
    },
    onError: (err) => message.error(err instanceof ApiError && err.code === 'STALE_VERSION' ? t('common.stale') : errorText(err, lang)),
  });

  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageSpin />;
  const r: ResidentDetail = q.data;
  const canReveal = r.actions.includes('reveal');

  const secret = (field: Field, masked: string | null) => {
    const shown = revealed[field];
    return (
      <Space>
        {shown !== undefined ? (
          <Typography.Text className="jy-mono" copyable={!!shown} strong data-testid={`reveal-value-${field}`}>
            {shown ?? '—'}
          </Typography.Text>
        ) : (
          <span className="jy-mono" data-testid={`masked-${field}`}>
            {masked ?? '—'}
          </span>
        )}
        {canReveal && masked && shown === undefined ? (
          <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setRevealing(field)} data-testid={`reveal-${field}`}>
            {t('reveal.button')}
          </Button>
        ) : null}
      </Space>
    );
  };

  return (
    <>
      <PageHeader
        title={
          <Space>
            <span data-testid="resident-name">{r.name}</span>
            {r.tags.map((tag) => (
              <Tag key={tag} color={tag.startsWith('care_') ? 'orange' : tag === 'party_member' ? 'red' : 'green'}>
                {t(`codes.tag.${tag}`)}
              </Tag>
            ))}
          </Space>
        }
        subtitle={<Link to={`/registry/${r.dwellingId}`}>{r.dwellingLabel}</Link>}
        extra={
          <>
            {r.actions.includes('update') ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="resident-edit">
                {t('common.edit')}
              </Button>
            ) : null}
            {r.actions.includes('delete') ? (
              <Popconfirm title={t('residents.deleteConfirm', { name: r.name })} okButtonProps={{ danger: true }} onConfirm={() => del.mutate()}>
                <Button danger icon={<DeleteOutlined />} data-testid="resident-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title={t('residents.details')} style={{ marginBottom: 16 }}>
            <Descriptions
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'name', label: t('residents.name'), children: r.name },
                { key: 'relation', label: t('residents.relation'), children: t(`codes.relation.${r.relation}`) },
                { key: 'idType', label: t('residents.idType'), children: t(`codes.idType.${r.idType}`) },
                { key: 'id', label: t('residents.idNumber'), children: secret('idNumber', r.idNumberMasked) },
                { key: 'phone', label: t('residents.phone'), children: secret('phone', r.phoneMasked) },
                { key: 'sex', label: t('residents.sex'), children: r.sex ? t(`codes.sex.${r.sex}`) : '—' },
                // The birth date comes only to those who may reveal the numbers; others see the age.
                r.birthDate
                  ? { key: 'birth', label: t('residents.birthDate'), children: t('residents.birthWithAge', { birth: r.birthDate, count: r.age }) }
                  : { key: 'age', label: t('residents.age'), children: r.age === null ? '—' : t('residents.ageN', { count: r.age }) },
                { key: 'employer', label: t('residents.employer'), children: r.employerName ?? '—' },
                { key: 'dwelling', label: t('residents.dwelling'), children: r.dwellingLabel, span: 2 },
                { key: 'note', label: t('residents.note'), children: r.note ?? '—', span: 2 },
                { key: 'created', label: t('common.createdAt'), children: fmtDateTime(r.createdAt) },
                { key: 'updated', label: t('common.updatedAt'), children: fmtDateTime(r.updatedAt) },
              ]}
            />
          </Card>
          <Card title={t('reveal.history')} data-testid="reveal-history">
            <DataTable
              rowKey={(x) => `${x.at}-${x.field}`}
              size="small"
              dataSource={r.reveals}
              pagination={false}
              locale={{ emptyText: t('reveal.none') }}
              columns={[
                { title: t('reveal.when'), dataIndex: 'at', render: (v: string) => fmtDateTime(v), width: 160 },
                { title: t('reveal.who'), dataIndex: 'actorName', width: 120 },
                {
                  title: t('reveal.field'),
                  dataIndex: 'field',
                  render: (v: Field) => t(v === 'idNumber' ? 'residents.idNumber' : 'residents.phone'),
                  width: 110,
                },
                { title: t('reveal.reason'), dataIndex: 'reason' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('residents.householdMembers', { n: r.household.members.length })}>
            <List
              dataSource={r.household.members}
              renderItem={(m) => (
                <List.Item extra={<Tag>{t(`codes.relation.${m.relation}`)}</Tag>}>
                  {m.id === r.id ? <Typography.Text strong>{m.name}</Typography.Text> : <Link to={`/residents/${m.id}`}>{m.name}</Link>}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      {editing ? (
        <ResidentForm
          resident={r}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            qc.setQueryData(residentKeys.detail(id), saved);
            void qc.invalidateQueries({ queryKey: residentKeys.all });
          }}
        />
      ) : null}
      {revealing ? (
        <RevealModal
          residentId={r.id}
          field={revealing}
          onClose={() => setRevealing(null)}
          onRevealed={(value) => {
            setRevealed((x) => ({ ...x, [revealing]: value }));
            setRevealing(null);
            void q.refetch();
          }}
        />
      ) : null}
    </>
  );
}
