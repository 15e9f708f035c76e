import { useState } from 'react';
import { App, Button, Card, DatePicker, Flex, List, Modal, Tag, Typography } from 'antd';
import { CheckOutlined, PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { dayjs } from '../../platform/time';
import { DataTable } from '../../platform/ui/DataTable';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { AwardReason, Certificate, metricValue } from './AwardBits';
import { useVolunteersLive, volApi, type AwardView } from './volunteers.api';

/** Recognition: rules as data, proposals for a period computed from the ledger with the reason each person qualified, confirmed by the coordinator; certificates. */
export default function AwardsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [range, setRange] = useState<[string, string]>(() => [dayjs().startOf('year').format('YYYY-MM-DD'), dayjs().format('YYYY-MM-DD')]);
  const [cert, setCert] = useState<AwardView | null>(null);
  const rules = useQuery({ queryKey: ['vol', 'award-rules'], queryFn: volApi.awardRules });
  const awards = useQuery({ queryKey: ['vol', 'awards'], queryFn: () => volApi.awards(), placeholderData: keepPreviousData });
  useVolunteersLive();
  const onError = (e: unknown) => message.error(errorText(e, lang));
  const propose = useMutation({
    mutationFn: async () => {
      // Every rule proposes its people for the period.
      const all = await Promise.all((rules.data ?? []).map((r) => volApi.proposeAwards(r.id, range[0], range[1])));
      return { items: all.flatMap((x) => x.items) };
    },
    onSuccess: (r) => {
      message.success(t('vol.award.proposed', { count: r.items.length }));
      void qc.invalidateQueries({ queryKey: ['vol', 'awards'] });
    },
    onError,
  });
  const confirm = useMutation({
    mutationFn: (a: AwardView) => volApi.confirmAward(a.id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['vol', 'awards'] }),
    onError,
  });
  return (
    <>
      <PageHeader
        title={t('vol.award.title')}
        subtitle={t('vol.award.subtitle')}
        extra={
          <Flex gap={8} wrap>
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(range[0]), dayjs(range[1])]}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
            />
            <Button type="primary" disabled={!rules.data?.length} onClick={() => propose.mutate()} loading={propose.isPending} data-testid="awards-propose">
              {t('vol.award.propose')}
            </Button>
          </Flex>
        }
      />
      <Card title={t('vol.award.rules')} size="small" style={{ marginBottom: 16 }}>
        {rules.error ? <QueryError error={rules.error} /> : null}
        <List
          size="small"
          dataSource={rules.data ?? []}
          renderItem={(r) => (
            <List.Item>
              <Typography.Text strong>{r.name}</Typography.Text>
              <Flex gap={4} wrap>
                {r.criteria.map((c) => (
                  <Tag key={c.metric}>{t(`vol.award.rule_${c.metric}`, { atLeast: metricValue(c.metric, c.atLeast, t) })}</Tag>
                ))}
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      {awards.error ? <QueryError error={awards.error} onRetry={() => void awards.refetch()} /> : null}
      <DataTable<AwardView>
        rowKey="id"
        loading={awards.isPending}
        dataSource={awards.data?.items ?? []}
        data-testid="awards-table"
        columns={[
          { title: t('vol.people.name'), dataIndex: 'volunteerName' },
          { title: t('vol.award.award'), dataIndex: 'ruleName' },
          { title: t('vol.award.period'), key: 'period', render: (_, a) => `${a.periodFrom} – ${a.periodTo}` },
          { title: t('vol.award.why'), key: 'why', render: (_, a) => <AwardReason a={a} /> },
          {
            title: t('vol.activity.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={s === 'confirmed' ? 'gold' : 'default'}>{t(`vol.award.status_${s}`)}</Tag>,
          },
          {
            title: t('common.actions'),
            key: 'act',
            render: (_, a) =>
              a.status === 'proposed' ? (
                <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => confirm.mutate(a)}>
                  {t('vol.award.confirm')}
                </Button>
              ) : (
                <Button size="small" icon={<PrinterOutlined />} onClick={() => setCert(a)}>
                  {t('vol.award.print')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={!!cert}
        onCancel={() => setCert(null)}
        onOk={() => window.print()}
        okText={t('vol.award.print')}
        width={640}
        title={t('vol.award.certificate')}
      >
        {cert ? <Certificate a={cert} /> : null}
      </Modal>
    </>
  );
}
