import { defineErrors } from '../errors/app-error.js';

export const importErrors = defineErrors({
  IMPORT_NOT_XLSX: { status: 400, zh: '请上传 .xlsx 格式的Excel文件', en: 'Upload an Excel .xlsx file' },
  IMPORT_FILE_MISSING: { status: 400, zh: '请选择要上传的文件', en: 'Choose a file to upload' },
  IMPORT_UNREADABLE: {
    status: 400,
    zh: '无法读取该文件，请使用下载的模板重新填写',
    en: 'The file could not be read; please fill in the downloaded template',
  },
  IMPORT_HEADER_MISMATCH: {
    status: 400,
    zh: '表头与模板不一致，缺少列：{columns}',
    en: 'The header row does not match the template; missing columns: {columns}',
  },
  IMPORT_EMPTY: { status: 400, zh: '文件中没有数据行', en: 'The file has no data rows' },
  IMPORT_TOO_MANY_ROWS: { status: 400, zh: '单个文件最多{max}行', en: 'At most {max} rows per file' },
  IMPORT_NOT_VALIDATED: { status: 409, zh: '该导入尚未完成校验或已处理', en: 'This import is not waiting for confirmation' },
  IMPORT_NOT_CANCELLABLE: { status: 409, zh: '该导入已完成、失败或已取消，不能再取消', en: 'This import is finished, failed or already cancelled' },
  IMPORT_HAS_ERRORS: {
    status: 409,
    zh: '文件中有{errors}行错误，请修正后重新上传，或选择“仅导入正确的行”',
    en: 'Rows with errors in the file: {errors}; fix and upload again, or choose to import only the valid rows',
  },
  IMPORT_NOTHING_VALID: { status: 409, zh: '没有可导入的正确行', en: 'There are no valid rows to import' },
  IMPORT_INTERRUPTED: { status: 500, zh: '导入因系统重启而中断，请重新上传', en: 'The import was interrupted by a restart; please upload again' },
  IMPORT_FAILED: { status: 500, zh: '导入失败，未写入任何数据，请重试', en: 'The import failed and nothing was written; please try again' },
});
