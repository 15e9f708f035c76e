import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { createLogger } from './platform.js';

function logged(write: (log: ReturnType<typeof createLogger>) => void) {
  const lines: string[] = [];
  const log = createLogger({ ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'info' }, { write: (l: string) => void lines.push(l) });
  write(log);
  return lines.map((l) => JSON.parse(l) as Record<string, any>);
}

describe('the log redaction', () => {
  it('keeps the database code of a failed query in an error line, and not its values', () => {
    const failed = Object.assign(new Error('boom'), {
      query: 'insert into residents (name) values ($1)',
      params: ['张三'],
      cause: { message: 'duplicate key', code: '23505' },
    });
    const [line] = logged((log) => log.error({ err: failed }, 'unhandled error'));
    expect(line!.err).toMatchObject({ code: '23505', message: 'Failed query: insert into residents (name) values ($1): duplicate key' });
    expect(JSON.stringify(line)).not.toContain('张三');
  });

  it('keeps Node, framework and our own error codes, and hides a sign-in code and personal fields', () => {
    const lines = logged((log) => {
      log.error({ err: Object.assign(new Error('down'), { code: 'ECONNREFUSED' }) }, 'db down');
      log.warn({ err: Object.assign(new Error('big'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE' }) }, 'too large');
      log.info({ body: { phone: '13912345678', code: '123456', idNumber: '370502198001011237', name: '张三' } }, 'a body');
    });
    expect(lines.map((l) => l.err?.code)).toEqual(['ECONNREFUSED', 'FST_ERR_CTP_BODY_TOO_LARGE', undefined]);
    expect(lines[2]!.body).toEqual({ phone: '[redacted]', code: '[redacted]', idNumber: '[redacted]', name: '[redacted]' });
  });
});
