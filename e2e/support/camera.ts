import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';

/**
 * A Y4M video for Chromium's fake camera (`--use-file-for-fake-video-capture`) that shows one
 * QR code: 4:2:0 frames, dark modules at luma 16, light at 235, a 4-module quiet zone, grey
 * chroma. No ffmpeg needed.
 */
export function qrVideo(text: string, width = 640, height = 480, frames = 15): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const scale = Math.floor(Math.min(width, height) / (n + 8));
  const side = scale * (n + 8);
  const x0 = Math.floor((width - side) / 2);
  const y0 = Math.floor((height - side) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < side; y++) {
    const my = Math.floor(y / scale) - 4;
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - 4;
      const dark = mx >= 0 && my >= 0 && mx < n && my < n && qr.modules.get(my, mx);
      if (dark) luma[(y0 + y) * width + x0 + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width * height) / 4, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jiayuan-cam-')), 'qr.y4m');
  fs.writeFileSync(
    file,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: frames }, () => frame)]),
  );
  return file;
}
