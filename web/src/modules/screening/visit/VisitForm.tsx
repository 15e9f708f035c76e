import { useState } from 'react';
import { Alert, Button, Card, Flex, Input, InputNumber, Radio, Switch, Tag, Typography } from 'antd';
import { PlusOutlined, DeleteOutlined } from '@ant-design/icons';
import type { AnswerValue, Answers, Question, VisitInput, VisitOutcome, WorksetHousehold } from '@jiayuan/contracts';
import { useI18n } from '../../../platform/i18n/i18n';

/** Whether a question is asked given the answers so far (the server applies the same rule). */
export function isAsked(q: Question, answers: Answers) {
  return !q.showIf || answers[q.showIf.key] === q.showIf.equals;
}

/** Whether these answers will be flagged for follow-up, so the visitor sees it at once. */
export function flagged(questions: Question[], answers: Answers) {
  return questions.some((q) => {
    const v = answers[q.key];
    if (!q.flag || v === undefined || v === null || !isAsked(q, answers)) return false;
    return (
      (q.flag.whenYes && v === true) ||
      (q.flag.options?.includes(String(v)) ?? false) ||
      (q.flag.atOrAbove !== undefined && typeof v === 'number' && v >= q.flag.atOrAbove)
    );
  });
}

interface PersonDraft {
  residentId: number | null;
  name: string;
  relation?: string;
  phone?: string;
  note?: string;
  present: boolean;
  answers: Answers;
}

function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function QuestionInput({ q, value, onChange, testId }: { q: Question; value: AnswerValue | undefined; onChange: (v: AnswerValue) => void; testId: string }) {
  const { t, pick } = useI18n();
  switch (q.type) {
    case 'yes_no':
      return (
        <Radio.Group value={value} onChange={(e) => onChange(e.target.value as boolean)} optionType="button" buttonStyle="solid" size="large">
          <Radio.Button value={true}>
            <span data-testid={`${testId}-yes`}>{t('visit.yes')}</span>
          </Radio.Button>
          <Radio.Button value={false}>
            <span data-testid={`${testId}-no`}>{t('visit.no')}</span>
          </Radio.Button>
        </Radio.Group>
      );
    case 'choice':
      return (
        <Radio.Group value={value} onChange={(e) => onChange(e.target.value as string)} optionType="button" size="large">
          {q.options?.map((o) => (
            <Radio.Button key={o.value} value={o.value}>
              <span data-testid={`${testId}-${o.value}`}>{pick(o.label)}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
      );
    case 'temperature':
    case 'number':
      return (
        <InputNumber
          size="large"
          inputMode="decimal"
          step={q.type === 'temperature' ? 0.1 : 1}
          min={q.min}
          max={q.max}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(v ?? null)}
          style={{ width: 140 }}
          suffix={q.type === 'temperature' ? '°C' : undefined}
          data-testid={testId}
        />
      );
    case 'date':
      return (
        <Input
          size="large"
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || null)}
          style={{ width: 180 }}
          data-testid={testId}
        />
      );
    default:
      return <Input size="large" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || null)} data-testid={testId} />;
  }
}

/** One household's visit on the phone: the outcome, then each person at home and their answers. */
export function VisitForm({
  campaignId,
  round,
  questions,
  household,
  onSave,
  onCancel,
}: {
  campaignId: number;
  round: number;
  questions: Question[];
  household: WorksetHousehold;
  onSave: (v: VisitInput) => Promise<void>;
  onCancel: () => void;
}) {
  const { t, pick } = useI18n();
  const [outcome, setOutcome] = useState<VisitOutcome>('visited');
  const [note, setNote] = useState('');
  const [persons, setPersons] = useState<PersonDraft[]>(() =>
    household.members.map((m) => ({ residentId: m.id, name: m.name, relation: m.relation, present: true, answers: {} })),
  );
  const [missing, setMissing] = useState<string | null>(null);
  const withPersons = outcome === 'visited' || outcome === 'revisit';

  const update = (i: number, p: Partial<PersonDraft>) => setPersons((list) => list.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const answer = (i: number, q: Question, v: AnswerValue) =>
    setPersons((list) =>
      list.map((x, j) => {
        if (j !== i) return x;
        const answers: Answers = { ...x.answers, [q.key]: v };
        // Answers to questions no longer asked are dropped (the server refuses them).
        for (const other of questions) if (!isAsked(other, answers)) delete answers[other.key];
        return { ...x, answers };
      }),
    );

  const save = async () => {
    if (withPersons && outcome === 'visited') {
      for (const p of persons) {
        if (!p.present) continue;
        const q = questions.find(
          (q) => q.required && isAsked(q, p.answers) && (p.answers[q.key] === undefined || p.answers[q.key] === null || p.answers[q.key] === ''),
        );
        if (q) {
          setMissing(t('visit.missing', { name: p.name || t('visit.unregistered'), question: pick(q.label) }));
          return;
        }
      }
    }
    await onSave({
      id: newId(),
      campaignId,
      householdId: household.id,
      round,
      outcome,
      visitedAt: new Date().toISOString(),
      note: note.trim() || null,
      persons: withPersons
        ? persons
            .filter((p) => p.residentId !== null || p.name.trim())
            .map((p) => ({
              residentId: p.residentId,
              unregistered: p.residentId === null ? { name: p.name.trim(), phone: p.phone?.trim() || null, note: p.note?.trim() || null } : null,
              present: p.present,
              answers: p.present ? p.answers : {},
            }))
        : [],
    });
  };

  return (
    <Flex vertical gap={12} data-testid="visit-form">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {household.dwellingLabel}
      </Typography.Title>
      <Card size="small" title={t('visit.outcome')}>
        <Radio.Group
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as VisitOutcome)}
          size="large"
          style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
        >
          {(['visited', 'nobody_home', 'refused', 'revisit'] as const).map((o) => (
            <Radio.Button key={o} value={o}>
              <span data-testid={`outcome-${o}`}>{t(`screening.outcome.${o}`)}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Card>
      {withPersons
        ? persons.map((p, i) => (
            <Card
              key={i}
              size="small"
              data-testid={`person-${i}`}
              title={
                <Flex align="center" gap={8}>
                  {p.residentId === null ? (
                    <Input
                      placeholder={t('visit.personName')}
                      value={p.name}
                      onChange={(e) => update(i, { name: e.target.value })}
                      style={{ width: 140 }}
                      data-testid={`person-${i}-name`}
                    />
                  ) : (
                    <span style={{ fontSize: 17 }}>{p.name}</span>
                  )}
                  {p.relation ? <Tag>{t(`codes.relation.${p.relation}`)}</Tag> : <Tag color="orange">{t('visit.unregistered')}</Tag>}
                  {flagged(questions, p.answers) ? <Tag color="red">{t('visit.needsFollowUp')}</Tag> : null}
                </Flex>
              }
              extra={
                <Flex align="center" gap={8}>
                  <Switch
                    checked={p.present}
                    onChange={(v) => update(i, { present: v })}
                    checkedChildren={t('visit.present')}
                    unCheckedChildren={t('visit.absent')}
                    data-testid={`person-${i}-present`}
                  />
                  {p.residentId === null ? (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => setPersons((l) => l.filter((_, j) => j !== i))}
                      aria-label={t('visit.discard')}
                    />
                  ) : null}
                </Flex>
              }
            >
              {p.residentId === null ? (
                <Flex gap={8} wrap style={{ marginBottom: 8 }}>
                  <Input
                    placeholder={t('visit.personPhone')}
                    inputMode="tel"
                    value={p.phone}
                    onChange={(e) => update(i, { phone: e.target.value })}
                    style={{ width: 180 }}
                  />
                  <Input placeholder={t('visit.personNote')} value={p.note} onChange={(e) => update(i, { note: e.target.value })} style={{ width: 180 }} />
                </Flex>
              ) : null}
              {p.present ? (
                <Flex vertical gap={10}>
                  {questions
                    .filter((q) => isAsked(q, p.answers))
                    .map((q) => (
                      <div key={q.key}>
                        <div style={{ marginBottom: 4, fontSize: 15 }}>
                          {pick(q.label)}
                          {q.required ? <span style={{ color: '#cf1322' }}> *</span> : null}
                        </div>
                        <QuestionInput q={q} value={p.answers[q.key]} onChange={(v) => answer(i, q, v)} testId={`q-${i}-${q.key}`} />
                      </div>
                    ))}
                </Flex>
              ) : null}
            </Card>
          ))
        : null}
      {withPersons ? (
        <Button
          icon={<PlusOutlined />}
          onClick={() => setPersons((l) => [...l, { residentId: null, name: '', present: true, answers: {} }])}
          data-testid="add-person"
        >
          {t('visit.addPerson')}
        </Button>
      ) : null}
      <Input.TextArea placeholder={t('visit.note')} value={note} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 1, maxRows: 4 }} />
      {missing ? <Alert type="error" showIcon title={missing} /> : null}
      <Flex gap={8}>
        <Button size="large" onClick={onCancel} data-testid="visit-cancel">
          {t('visit.back')}
        </Button>
        <Button size="large" type="primary" block onClick={() => void save()} data-testid="save-visit">
          {t('visit.save')}
        </Button>
      </Flex>
    </Flex>
  );
}
