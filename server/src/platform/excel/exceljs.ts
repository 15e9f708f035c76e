import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import type * as ExcelJSTypes from 'exceljs';
import type * as Saxes from 'saxes';

/**
 * ExcelJS, with its streaming XML reader fixed for multi-byte UTF-8.
 *
 * exceljs 4.4 decodes every inflated chunk of a sheet on its own
 * (`lib/utils/parse-sax.js`), so a Chinese character split across two chunks turns into
 * U+FFFD — "居民身份��". We register a replacement for that one internal module before
 * exceljs loads, decoding with a StringDecoder that carries partial characters over.
 * Import ExcelJS from here, never from 'exceljs' directly (lint enforces it).
 */
const require = createRequire(import.meta.url);
const excelRequire = createRequire(require.resolve('exceljs'));
const { SaxesParser } = excelRequire('saxes') as typeof Saxes;
const parseSaxPath = excelRequire.resolve('./lib/utils/parse-sax.js');

interface SaxEvent {
  eventType: 'opentag' | 'text' | 'closetag';
  value: unknown;
}

async function* parseSaxUtf8(source: AsyncIterable<Buffer | string>): AsyncGenerator<SaxEvent[]> {
  const parser = new SaxesParser();
  const decoder = new StringDecoder('utf8');
  let failure: Error | null = null;
  let events: SaxEvent[] = [];
  parser.on('error', (err) => (failure = err));
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  const feed = (text: string) => {
    parser.write(text);
    if (failure) throw failure;
    const out = events;
    events = [];
    return out;
  };
  for await (const chunk of source) yield feed(typeof chunk === 'string' ? chunk : decoder.write(chunk));
  const rest = decoder.end();
  if (rest) yield feed(rest);
}

if (require.cache[parseSaxPath]?.exports !== parseSaxUtf8) {
  if (require.cache[parseSaxPath]) throw new Error('exceljs was loaded before platform/excel/exceljs.ts could fix its UTF-8 reader');
  const m = new (require('node:module') as { Module: new (id: string) => NodeJS.Module }).Module(parseSaxPath);
  m.filename = parseSaxPath;
  m.loaded = true;
  m.exports = parseSaxUtf8;
  require.cache[parseSaxPath] = m;
}

const ExcelJS = excelRequire('exceljs') as typeof ExcelJSTypes;
export default ExcelJS;
export type { ExcelJSTypes };
