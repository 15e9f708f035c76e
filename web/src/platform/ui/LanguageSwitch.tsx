import { Segmented } from 'antd';
import type { Lang } from '@jiayuan/contracts';
import { api } from '../api/client';
import { changeLang, useI18n } from '../i18n/i18n';
import { useMe } from '../auth/me';

/** 中文 / English; remembered on the device and, when signed in, on the account. */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' | 'large' }) {
  const { lang } = useI18n();
  const { me } = useMe();
  const onChange = async (v: Lang) => {
    await changeLang(v);
    if (me) await api.put('/me/language', { lang: v }).catch(() => undefined);
  };
  return (
    <Segmented<Lang>
      data-testid="lang-switch"
      size={size}
      value={lang}
      onChange={(v) => void onChange(v)}
      options={[
        { label: <span data-testid="lang-zh">中文</span>, value: 'zh-CN' },
        { label: <span data-testid="lang-en">English</span>, value: 'en-US' },
      ]}
    />
  );
}
