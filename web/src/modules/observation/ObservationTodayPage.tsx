import { useState } from 'react';
import { App, Badge, Button, Drawer, Empty, Flex, InputNumber, Tag, Typography } from 'antd';
import { HomeOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { FEVER_THRESHOLD, SYMPTOMS, type DueToday, type Symptom } from '@jiayuan/contracts';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { useLiveTopic } from '../../platform/live/live';
import { local } from '../../platform/time';
import { LanguageSwitch } from '../../platform/ui/LanguageSwitch';
import { PageSpin } from '../../platform/ui/PageSpin';
import { obsApi, obsKeys } from './observation.api';
import { personStatus } from './person-status';
import { PhoneTitle } from '../../platform/ui/PhoneTitle';

const TEMPS = [36.0, 36.2, 36.4, 36.5, 36.6, 36.8, 37.0, 37.2, 37.3, 37.5, 37.8, 38.0, 38.3, 38.5, 39.0, 39.5];

interface Person {
  caseId: number;
  residentId: number;
  name: string;
}

/** Today's checks on the phone: tap a person, tap the temperature — saved. Green done, orange due, red missed or fever. */
export default function ObservationTodayPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [person, setPerson] = useState<Person | null>(null);
  const [symptoms, setSymptoms] = useState<Symptom[]>([]);
  const [other, setOther] = useState<number | null>(null);
  const q = useQuery({ queryKey: obsKeys.today, queryFn: obsApi.today, refetchInterval: 60000 });
  useLiveTopic('observation', 'observation.changed', () => void qc.invalidateQueries({ queryKey: obsKeys.today }));
  const save = useMutation({
    mutationFn: (temperature: number | null) => obsApi.reading(person!.caseId, { residentId: person!.residentId, temperature, symptoms }),
    onSuccess: (r) => {
      if (r.alert) message.warning({ content: t('observation.alertRaised'), duration: 4 });
      else message.success(t('observation.readingSaved'));
      setPerson(null);
      void qc.invalidateQueries({ queryKey: obsKeys.all });
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  const pick = (p: Person) => {
    setSymptoms([]);
    setOther(null);
    setPerson(p);
  };
  const data: DueToday | undefined = q.data;
  return (
    <div className="jy-phone" data-testid="obs-today-page">
      <div className="jy-phone-head">
        <div>
          <PhoneTitle style={{ fontSize: 20, fontWeight: 600 }} text={t('observation.today.title')} />
          <div style={{ fontSize: 13, opacity: 0.75 }}>{data?.date}</div>
        </div>
        <Flex gap={10} align="center">
          <LanguageSwitch size="small" />
          <ReloadOutlined onClick={() => void q.refetch()} style={{ fontSize: 18 }} />
          <Link to="/observation" style={{ color: '#fff', fontSize: 18 }}>
            <HomeOutlined />
          </Link>
        </Flex>
      </div>
      <div style={{ padding: 12 }}>
        {!data ? (
          <PageSpin />
        ) : data.cases.length === 0 ? (
          <Empty description={t('observation.today.none')} />
        ) : (
          data.cases.map((c) => {
            const people = [...new Map(c.checks.map((k) => [k.residentId, k.name])).entries()];
            if (people.length === 0) people.push([c.residentId, c.name]);
            return (
              <div key={c.caseId} style={{ background: '#fff', borderRadius: 12, padding: 12, marginBottom: 12 }} data-testid={`today-case-${c.caseId}`}>
                <Flex justify="space-between" align="center">
                  <Link to={`/observation/cases/${c.caseId}`}>
                    <Typography.Text strong style={{ fontSize: 18 }}>
                      {c.name}
                    </Typography.Text>
                  </Link>
                  <Flex gap={6}>
                    {c.openAlerts ? <Badge count={c.openAlerts} /> : null}
                    <Tag>{c.dayNo === 0 ? t('observation.arrivalDayShort') : t('observation.dayOfShort', { n: c.dayNo })}</Tag>
                  </Flex>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                  {c.placeLabel}
                </Typography.Text>
                {people.map(([rid, name]) => {
                  const { state, slot: k, last, slotIsNext } = personStatus(c.checks, rid);
                  return (
                    <div
                      key={rid}
                      className={`jy-person-row jy-state-${state}`}
                      onClick={() => pick({ caseId: c.caseId, residentId: rid, name })}
                      data-testid={`today-person-${rid}`}
                      data-state={state}
                    >
                      <span>{name}</span>
                      <span style={{ fontSize: 15 }}>
                        {last?.temperature != null ? <b style={{ color: last.alert ? '#c0262d' : '#1a7f37' }}>{last.temperature}°C </b> : null}
                        {slotIsNext ? `${t(`observation.state.${state}`)} · ` : ''}
                        {k
                          ? `${slotIsNext ? t('observation.nextSlot') : ''}${local(k.windowStart).format('HH:mm')}–${local(k.windowEnd).format('HH:mm')} `
                          : ''}
                        {slotIsNext ? '' : t(`observation.state.${state}`)}
                      </span>
                    </div>
                  );
                })}
              </div>
            );
          })
        )}
      </div>
      <Drawer
        placement="bottom"
        open={!!person}
        onClose={() => setPerson(null)}
        size="auto"
        title={person ? t('observation.today.readingFor', { name: person.name }) : ''}
        destroyOnHidden
      >
        <div className="jy-temp-grid" data-testid="temp-grid">
          {TEMPS.map((v) => (
            <button
              key={v}
              type="button"
              className={v >= FEVER_THRESHOLD ? 'jy-temp-hot' : 'jy-temp-ok'}
              disabled={save.isPending}
              onClick={() => save.mutate(v)}
              data-testid={`temp-${v.toFixed(1)}`}
            >
              {v.toFixed(1)}
            </button>
          ))}
        </div>
        <Flex gap={8} style={{ marginTop: 12 }}>
          <InputNumber
            size="large"
            min={34}
            max={43}
            step={0.1}
            value={other}
            onChange={setOther}
            placeholder={t('observation.today.other')}
            style={{ flex: 1 }}
            addonAfter="°C"
          />
          <Button size="large" type="primary" disabled={other === null && symptoms.length === 0} loading={save.isPending} onClick={() => save.mutate(other)}>
            {t('common.save')}
          </Button>
        </Flex>
        <Flex wrap gap={8} style={{ marginTop: 12 }}>
          {SYMPTOMS.map((s) => (
            <Tag.CheckableTag
              key={s}
              checked={symptoms.includes(s)}
              onChange={(on) => setSymptoms((x) => (on ? [...x, s] : x.filter((y) => y !== s)))}
              style={{ fontSize: 16, padding: '6px 12px', border: '1px solid #ffa39e' }}
            >
              {t(`observation.symptom.${s}`)}
            </Tag.CheckableTag>
          ))}
        </Flex>
      </Drawer>
    </div>
  );
}
