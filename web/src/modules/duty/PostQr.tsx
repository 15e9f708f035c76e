import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A post's check-in token as a QR code image (printed on the duty table, scanned by members). */
export function PostQr({ token, size = 200, alt }: { token: string; size?: number; alt: string }) {
  const [src, setSrc] = useState('');
  useEffect(() => {
    void QRCode.toDataURL(token, { errorCorrectionLevel: 'M', margin: 2, width: size * 2 }).then(setSrc);
  }, [token, size]);
  return src ? (
    <img src={src} width={size} height={size} alt={alt} data-testid="post-qr" data-token={token} style={{ imageRendering: 'pixelated', background: '#fff' }} />
  ) : (
    <div style={{ width: size, height: size }} />
  );
}
