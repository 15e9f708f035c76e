import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, REVALIDATE, indexPage, serveWebAssets } from './web-assets.js';

// A built app in miniature, laid out as `vite build` + web/scripts/precompress.mjs leave it.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jiayuan-web-'));
const js = `export const words = ${JSON.stringify('家园 Jiayuan '.repeat(400))};\n`;
const html = `<!doctype html><html lang="zh-CN"><head><title>家园</title></head><body>${'<div></div>'.repeat(100)}</body></html>`;

function write(rel: string, body: string) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, body);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body));
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body));
}

const app = Fastify();
beforeAll(async () => {
  write('assets/index-Abc123.js', js);
  write('index.html', html);
  write('sw.js', js);
  await serveWebAssets(app, root);
  const send = indexPage(root);
  app.setNotFoundHandler((req, reply) => send(req, reply));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the built web app', () => {
  it('sends hashed scripts compressed (brotli first, then gzip) and cached for a year', async () => {
    const br = await app.inject({ url: '/assets/index-Abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(String(br.headers['content-type'])).toMatch(/javascript/);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(js);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(js) / 10);

    const gz = await app.inject({ url: '/assets/index-Abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(js);
  });

  it('sends the plain file to a client that accepts no compression', async () => {
    const plain = await app.inject({ url: '/assets/index-Abc123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
  });

  it('has the browser ask again for files without a hash (the service worker, the page)', async () => {
    const sw = await app.inject({ url: '/sw.js', headers: { 'accept-encoding': 'gzip' } });
    expect(sw.headers['cache-control']).toBe(REVALIDATE);
    expect(sw.headers['content-encoding']).toBe('gzip');
    const page = await app.inject({ url: '/todos', headers: { 'accept-encoding': 'gzip, br' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe(REVALIDATE);
    expect(page.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(page.rawPayload).toString()).toBe(html);
    const plainPage = await app.inject({ url: '/todos' });
    expect(plainPage.headers['content-encoding']).toBeUndefined();
    expect(plainPage.body).toBe(html);
  });
});
