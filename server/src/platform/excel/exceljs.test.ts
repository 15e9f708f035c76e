import fs from 'node:fs';
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
