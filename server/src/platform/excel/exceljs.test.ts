import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from './exceljs.js';

describe('reading Chinese text from a streamed workbook', () => {
  it('keeps every multi-byte character intact across chunk boundaries', async () => {
    const file = path.join(os.tmpdir(), `jiayuan-utf8-${process.pid}.xlsx`);
    const words = ['居民身份证', '荟萃社区', '建工小区', '3号楼', '2单元', '与户主关系', '渤海钻井总公司', '独居老人、党员'];
    const expected: string[][] = [];
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const ws = writer.addWorksheet('s');
    for (let i = 0; i < 20000; i++) {
      const row = words.map((w, j) => `${w}${(i * 7 + j) % 13}`);
      expected.push(row);
      ws.addRow(row).commit();
    }
    ws.commit();
    await writer.commit();

    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore' });
    const seen: string[][] = [];
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<{ values: unknown[] }>) seen.push((row.values as string[]).slice(1));
    }
    fs.rmSync(file, { force: true });
    expect(seen.length).toBe(expected.length);
    const broken = seen.findIndex((r, i) => r.join('|') !== expected[i]!.join('|'));
    expect(broken).toBe(-1);
  });
});

describe('reading a streamed workbook whose sheet comes before its shared strings', () => {
  it('reads the whole workbook when setting the sheet aside is slow, as on a busy disk', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('居民 Residents');
    ws.addRow(['社区', '小区', '楼栋']);
    for (let i = 1; i <= 3; i++) ws.addRow(['荟萃社区', '建工小区', `${i}号楼`]);
    const file = path.join(os.tmpdir(), `jiayuan-slow-${process.pid}.xlsx`);
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    // exceljs writes a sheet met before the shared strings to a temporary file (package `tmp`);
    // here that takes 50 ms, long enough for the zip parser to reach the end of the archive.
    const tmp = createRequire(createRequire(import.meta.url).resolve('exceljs'))('tmp') as { file: (cb: unknown) => void };
    const realFile = tmp.file;
    tmp.file = (cb: unknown) => void setTimeout(() => realFile(cb), 50);
    try {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(fs.createReadStream(file), { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore' });
      const seen: string[] = [];
      for await (const sheet of reader) {
        for await (const row of sheet as AsyncIterable<{ values: unknown[] }>) seen.push((row.values as string[]).slice(1).join('|'));
      }
      expect(seen).toEqual(['社区|小区|楼栋', '荟萃社区|建工小区|1号楼', '荟萃社区|建工小区|2号楼', '荟萃社区|建工小区|3号楼']);
    } finally {
      tmp.file = realFile;
      fs.rmSync(file, { force: true });
    }
  });
});
