import { parentPort, workerData } from 'node:worker_threads';
import { PersonalDataCipher } from '../../platform/crypto/personal-data.js';
import { RowValidator, type RowLookups } from './resident-import.rows.js';

/** Worker thread: validates and encrypts batches of rows while the main thread parses the workbook. */
interface Init {
  jobId: number;
  masterKey: Uint8Array;
  lookups: RowLookups;
}

const init = workerData as Init;
const validator = new RowValidator(init.jobId, new PersonalDataCipher(Buffer.from(init.masterKey)), init.lookups);

parentPort!.on('message', (batch: { seq: number; rowNos: number[]; rows: string[][] }) => {
  parentPort!.postMessage({ seq: batch.seq, ...validator.checkBatch(batch.rowNos, batch.rows) });
});
