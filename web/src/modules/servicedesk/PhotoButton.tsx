import { useRef, useState } from 'react';
import { App, Button } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { uploadPhoto } from './servicedesk.api';

/** Opens the camera (or the gallery) and uploads each chosen photo to the order. */
export function PhotoButton({
  url,
  onUploaded,
  label,
  block,
  testId = 'photo-input',
}: {
  url: string;
  onUploaded: () => void;
  label?: string;
  block?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const { me } = useMe();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        capture="environment"
        multiple
        style={{ display: 'none' }}
        data-testid={testId}
        onChange={async (e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          setBusy(true);
          try {
            for (const f of files) await uploadPhoto(url, f, me?.csrfToken ?? '');
          } catch {
            message.error(t('sd.field.photo'));
          } finally {
            setBusy(false);
            onUploaded();
          }
        }}
      />
      <Button size="large" block={block} icon={<CameraOutlined />} loading={busy} onClick={() => input.current?.click()}>
        {label ?? t('sd.field.photo')}
      </Button>
    </>
  );
}
