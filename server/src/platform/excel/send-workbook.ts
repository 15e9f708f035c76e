import { PassThrough } from 'node:stream';
import type * as XL from 'exceljs';
import ExcelJS from './exceljs.js';
import type { FastifyReply } from 'fastify';

/**
 * Streams an .xlsx built by `fill` to the client as it is written, so a large export never
 * sits whole in memory.
 */
export async function sendWorkbook(reply: FastifyReply, fileName: string, fill: (wb: XL.stream.xlsx.WorkbookWriter) => Promise<void>) {
  const stream = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${encodeURIComponent(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  const done = (async () => {
    await fill(wb);
    await wb.commit();
  })();
  done.catch((err) => stream.destroy(err));
  return reply.send(stream);
}
