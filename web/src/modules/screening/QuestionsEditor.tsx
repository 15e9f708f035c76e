import { Button, Card, Flex, Input, InputNumber, Select, Switch, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { QUESTION_TYPES, type Question, type QuestionType } from '@jiayuan/contracts';
import { useI18n } from '../../platform/i18n/i18n';

const FLAG_REASONS = ['symptom', 'fever', 'risk_area', 'other'] as const;

/** Edits a campaign's question set: wording in both languages, type, required, when to follow up. */
export function QuestionsEditor({ value, onChange, readOnly }: { value: Question[]; onChange?: (q: Question[]) => void; readOnly?: boolean }) {
  const { t, pick } = useI18n();
  const set = (i: number, patch: Partial<Question>) => onChange?.(value.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const optionsText = (q: Question) => q.options?.map((o) => o.label['zh-CN']).join('，') ?? '';
  return (
    <Flex vertical gap={8} data-testid="questions-editor">
      {value.map((q, i) => (
        <Card key={i} size="small" styles={{ body: { padding: 10 } }}>
          {readOnly ? (
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>{pick(q.label)}</Typography.Text>
              <Tag>{t(`screening.type.${q.type}`)}</Tag>
              {q.required ? <Tag color="blue">{t('screening.form.required')}</Tag> : null}
              {q.showIf ? <Tag>{t('screening.form.showIf')}</Tag> : null}
              {q.flag ? (
                <Tag color="red">
                  {t('screening.form.flag')}：{t(`screening.reason.${q.flag.reason}`)}
                  {q.flag.atOrAbove !== undefined ? ` ≥ ${q.flag.atOrAbove}` : ''}
                </Tag>
              ) : null}
            </Flex>
          ) : (
            <Flex vertical gap={6}>
              <Flex gap={6} wrap>
                <Input
                  style={{ width: 190 }}
                  value={q.label['zh-CN']}
                  placeholder={t('screening.form.labelZh')}
                  onChange={(e) => set(i, { label: { ...q.label, 'zh-CN': e.target.value } })}
                />
                <Input
                  style={{ width: 190 }}
                  value={q.label['en-US']}
                  placeholder={t('screening.form.labelEn')}
                  onChange={(e) => set(i, { label: { ...q.label, 'en-US': e.target.value } })}
                />
                <Select<QuestionType>
                  style={{ width: 110 }}
                  value={q.type}
                  options={QUESTION_TYPES.map((x) => ({ value: x, label: t(`screening.type.${x}`) }))}
                  onChange={(type) => set(i, { type, flag: undefined, options: type === 'choice' ? (q.options ?? []) : undefined })}
                />
                <Switch
                  checked={!!q.required}
                  onChange={(required) => set(i, { required })}
                  checkedChildren={t('screening.form.required')}
                  unCheckedChildren={t('screening.form.required')}
                />
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  onClick={() => onChange?.(value.filter((_, j) => j !== i))}
                />
              </Flex>
              {q.type === 'choice' ? (
                <Input
                  addonBefore={t('screening.form.options')}
                  value={optionsText(q)}
                  onChange={(e) =>
                    set(i, {
                      options: e.target.value
                        .split(/[,，]/)
                        .map((s) => s.trim())
                        .filter(Boolean)
                        .map((label, k) => ({
                          value: q.options?.[k]?.value ?? `o${k + 1}`,
                          label: { 'zh-CN': label, 'en-US': q.options?.[k]?.label['en-US'] ?? label },
                        })),
                    })
                  }
                />
              ) : null}
              {q.type === 'yes_no' || q.type === 'temperature' || q.type === 'number' ? (
                <Flex gap={6} align="center" wrap>
                  <Switch
                    size="small"
                    checked={!!q.flag}
                    onChange={(on) =>
                      set(i, {
                        flag: on
                          ? q.type === 'yes_no'
                            ? { reason: 'symptom', whenYes: true }
                            : { reason: q.type === 'temperature' ? 'fever' : 'other', atOrAbove: q.type === 'temperature' ? 37.3 : 0 }
                          : undefined,
                      })
                    }
                  />
                  <span>{t('screening.form.flag')}</span>
                  {q.flag ? (
                    <>
                      {q.type === 'yes_no' ? (
                        <span>{t('screening.form.flagWhenYes')}</span>
                      ) : (
                        <>
                          <span>{t('screening.form.flagAtOrAbove')}</span>
                          <InputNumber size="small" step={0.1} value={q.flag.atOrAbove} onChange={(v) => set(i, { flag: { ...q.flag!, atOrAbove: v ?? 0 } })} />
                        </>
                      )}
                      <Select
                        size="small"
                        style={{ width: 140 }}
                        value={q.flag.reason}
                        options={FLAG_REASONS.map((r) => ({ value: r, label: t(`screening.reason.${r}`) }))}
                        onChange={(reason) => set(i, { flag: { ...q.flag!, reason } })}
                      />
                    </>
                  ) : null}
                </Flex>
              ) : null}
              {q.showIf ? <Typography.Text type="secondary">{t('screening.form.showIf')}</Typography.Text> : null}
            </Flex>
          )}
        </Card>
      ))}
      {readOnly ? null : (
        <Button
          icon={<PlusOutlined />}
          onClick={() => onChange?.([...value, { key: `q${Date.now().toString(36)}`, type: 'yes_no', required: false, label: { 'zh-CN': '', 'en-US': '' } }])}
        >
          {t('screening.form.addQuestion')}
        </Button>
      )}
    </Flex>
  );
}
