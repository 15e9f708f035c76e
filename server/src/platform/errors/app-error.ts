import type { FieldError, LocalizedText } from '@jiayuan/contracts';

export interface ErrorSpec {
  status: number;
  zh: string;
  en: string;
}

type Params = Record<string, string | number>;

const catalog = new Map<string, ErrorSpec>();

/** An expected failure with a stable code; the HTTP layer turns it into a problem response. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly params: Params;
  readonly fieldErrors: FieldError[] | undefined;

  constructor(code: string, params: Params = {}, fieldErrors?: FieldError[]) {
    const spec = catalog.get(code);
    if (!spec) throw new Error(`Unknown error code ${code}`);
    // An expected outcome, not a fault: no stack is read from it, and capturing one is most of
    // its cost (a list page asks the guards of every row which actions are open).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(code);
    Error.stackTraceLimit = limit;
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.params = params;
    this.fieldErrors = fieldErrors;
  }

  /** The same error, pointed at one input field so forms can show it there. */
  onField(path: string): AppError {
    return new AppError(this.code, this.params, [...(this.fieldErrors ?? []), { path, code: this.code, message: this.messages }]);
  }

  get messages(): LocalizedText {
    const spec = catalog.get(this.code)!;
    return { 'zh-CN': interpolate(spec.zh, this.params), 'en-US': interpolate(spec.en, this.params) };
  }
}

export function interpolate(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

export type ErrorFactory = (params?: Params, fieldErrors?: FieldError[]) => AppError;

/**
 * Registers a module's error codes with their status and both messages, and returns one
 * factory per code: `throw registryErrors.PLACE_NOT_FOUND()`.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(specs: T): { [K in keyof T]: ErrorFactory } {
  const out = {} as { [K in keyof T]: ErrorFactory };
  for (const [code, spec] of Object.entries(specs)) {
    const existing = catalog.get(code);
    if (existing && (existing.zh !== spec.zh || existing.status !== spec.status)) {
      throw new Error(`Error code ${code} defined twice`);
    }
    catalog.set(code, spec);
    (out as Record<string, ErrorFactory>)[code] = (params, fieldErrors) => new AppError(code, params, fieldErrors);
  }
  return out;
}

export function errorSpec(code: string): ErrorSpec | undefined {
  return catalog.get(code);
}

export function allErrorCodes(): string[] {
  return [...catalog.keys()].sort();
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
