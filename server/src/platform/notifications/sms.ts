import fs from 'node:fs';
import { maskPhone } from '@jiayuan/contracts';
import type { Logger } from 'pino';

/** Where text messages go: an SMS gateway in production, the log in development. */
export interface SmsChannel {
  readonly name: string;
  send(phone: string, text: string): Promise<void>;
}

/**
 * Writes messages to the log with the phone masked. When an outbox file is configured
 * (development and tests), also appends them there so a tester can read a sign-in code.
 */
export class LogSmsChannel implements SmsChannel {
  readonly name = 'log';
  constructor(
    private readonly log: Logger,
    private readonly outboxFile: string | null = null,
  ) {}

  async send(phone: string, text: string) {
    const to = maskPhone(phone);
    this.log.info({ channel: 'sms', to, text }, 'sms (log channel)');
    if (this.outboxFile) {
      fs.appendFileSync(this.outboxFile, `${JSON.stringify({ at: new Date().toISOString(), to, text })}\n`);
    }
  }
}
