// After `vite build`: a brotli and a gzip copy beside every text file of web/dist, which the
// server sends to browsers that accept them (@fastify/static `preCompressed`), so nothing is
// compressed per request and the strongest settings cost nothing at run time.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt|map)$/;

function* files(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (TEXT.test(e.name) && !e.name.endsWith('.map')) yield p;
  }
}

let raw = 0;
let gz = 0;
let br = 0;
for (const file of files(dist)) {
  const body = fs.readFileSync(file);
  const g = zlib.gzipSync(body, { level: 9 });
  const b = zlib.brotliCompressSync(body, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  fs.writeFileSync(`${file}.gz`, g);
  fs.writeFileSync(`${file}.br`, b);
  raw += body.length;
  gz += g.length;
  br += b.length;
}
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
process.stdout.write(`precompressed web/dist: ${kb(raw)} → gzip ${kb(gz)}, brotli ${kb(br)}\n`);
