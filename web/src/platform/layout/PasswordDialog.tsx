import { Modal } from 'antd';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';
import { useI18n } from '../i18n/i18n';

/** The password change from the user menu: loaded the first time it is asked for, not with the console. */
export default function PasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal open={open} title={t('password.title')} footer={null} onCancel={onClose} destroyOnHidden>
      <ChangePasswordForm onDone={onClose} />
    </Modal>
  );
}
