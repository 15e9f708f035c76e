import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type * as ExcelJSTypes from 'exceljs';
import type * as Saxes from 'saxes';

/**
 * ExcelJS, with two of its streaming reader's internals replaced.
 *
 * 1. exceljs 4.4 decodes every inflated chunk of a sheet on its own
 *    (`lib/utils/parse-sax.js`), so a Chinese character split across two chunks turns into
 *    U+FFFD — "居民身份��". Ours decodes with a StringDecoder that carries partial
 *    characters over.
 * 2. Its stream iterator (`lib/utils/iterate-stream.js`) stops at the first 'end' event. The
 *    zip parser it reads (unzipper) emits 'end' by hand once it has parsed the whole archive,
 *    while entries it has already pushed still wait in its buffer; when the reader is slow on
 *    an earlier entry (writing a sheet to a temporary file on a busy disk), the last entries —
 *    `xl/workbook.xml` among them — are dropped and the import fails with "Cannot read
 *    properties of undefined (reading 'sheets')". Ours is Node's own iterator, which reads
 *    the buffer to its end.
 *
 * Both are registered before exceljs loads. Import ExcelJS from here, never from 'exceljs'
 * directly (lint enforces it).
 */
const require = createRequire(import.meta.url);
const excelRequire = createRequire(require.resolve('exceljs'));
const { SaxesParser } = excelRequire('saxes') as typeof Saxes;

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

/** Node's iterator, left open on an early return (exceljs drains an entry after parsing it). */
async function* iterateStream(stream: Readable): AsyncGenerator<unknown> {
  yield* stream.iterator({ destroyOnReturn: false });
}

function replaceModule(relPath: string, exports: unknown) {
  const modulePath = excelRequire.resolve(relPath);
  if (require.cache[modulePath]?.exports === exports) return;
  if (require.cache[modulePath]) throw new Error(`exceljs was loaded before platform/excel/exceljs.ts could replace ${relPath}`);
  const m = new (require('node:module') as { Module: new (id: string) => NodeJS.Module }).Module(modulePath);
  m.filename = modulePath;
  m.loaded = true;
  m.exports = exports;
  require.cache[modulePath] = m;
}

replaceModule('./lib/utils/parse-sax.js', parseSaxUtf8);
replaceModule('./lib/utils/iterate-stream.js', iterateStream);

const ExcelJS = excelRequire('exceljs') as typeof ExcelJSTypes;
export default ExcelJS;
export type { ExcelJSTypes };
