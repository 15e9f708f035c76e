import type { FieldError, Lang, LocalizedText, Problem } from '@jiayuan/contracts';

/** A failed API call, carrying the server's problem document (messages in both languages). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.messages['en-US'] || problem.title);
  }
  get code() {
    return this.problem.code;
  }
  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
  message_(lang: Lang): string {
    return this.problem.messages[lang] || this.problem.title;
  }
}

const NETWORK: LocalizedText = {
  'zh-CN': '无法连接服务器，请检查网络后重试',
  'en-US': 'Cannot reach the server. Check the network and try again',
};
const UNEXPECTED: LocalizedText = {
  'zh-CN': '服务器返回了无法识别的应答，请稍后重试',
  'en-US': 'The server gave an unexpected answer. Please try again later',
};

/** Builds a problem for failures that never produced one (network down, HTML from a proxy). */
export function syntheticProblem(status: number, kind: 'network' | 'unexpected'): Problem {
  const messages = kind === 'network' ? NETWORK : UNEXPECTED;
  return { type: 'about:blank', title: messages['en-US'], status, code: kind === 'network' ? 'NETWORK' : 'UNEXPECTED', messages };
}

/** The text to show for any error in the current language; never a bare code. */
export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof ApiError) return err.message_(lang);
  return (lang === 'zh-CN' ? NETWORK : UNEXPECTED)[lang];
}
