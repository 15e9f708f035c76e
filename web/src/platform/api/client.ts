import type { Lang, Problem } from '@jiayuan/contracts';
import { ApiError, syntheticProblem } from './problem';

let csrfToken = '';
let currentLang: Lang = 'zh-CN';
const unauthorizedListeners = new Set<() => void>();
const passwordChangeListeners = new Set<() => void>();

export function setCsrfToken(token: string) {
  csrfToken = token;
}
export function setApiLang(lang: Lang) {
  currentLang = lang;
}
/** Called when any request answers 401, so the app can go to the sign-in page. */
export function onUnauthorized(fn: () => void): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

/**
 * Called when any request is refused because the session's temporary password must be changed
 * first (AUTH_PASSWORD_CHANGE_REQUIRED), so the app can go to the password change.
 */
export function onPasswordChangeRequired(fn: () => void): () => void {
  passwordChangeListeners.add(fn);
  return () => passwordChangeListeners.delete(fn);
}

function refused(err: ApiError) {
  if (err.status === 403 && err.code === 'AUTH_PASSWORD_CHANGE_REQUIRED') passwordChangeListeners.forEach((fn) => fn());
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** `/api/x?a=1` with empty values left out. */
export function apiUrl(path: string, query?: Query): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return `/api${path}${s ? `?${s}` : ''}`;
}

async function toError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Problem;
      if (body && typeof body === 'object' && body.messages) return new ApiError(res.status, body);
    } catch {
      /* fall through */
    }
  }
  return new ApiError(res.status, syntheticProblem(res.status, 'unexpected'));
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not treat 401 as "signed out" (the sign-in form itself, and /me on start). */
  quiet401?: boolean;
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { 'Accept-Language': currentLang, Accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, syntheticProblem(0, 'network'));
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && !opts.quiet401) unauthorizedListeners.forEach((fn) => fn());
    refused(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/**
 * Uploads a file as multipart with progress (fetch cannot report upload progress).
 * Resolves with the parsed JSON answer; rejects with an ApiError.
 */
export function uploadFile<T>(path: string, file: File, onProgress: (percent: number) => void, fields: Record<string, string> = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.setRequestHeader('Accept-Language', currentLang);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, syntheticProblem(0, 'network')));
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(json as T);
      if (xhr.status === 401) unauthorizedListeners.forEach((fn) => fn());
      const p = json as Problem | null;
      const err = new ApiError(xhr.status, p?.messages ? p : syntheticProblem(xhr.status, 'unexpected'));
      refused(err);
      reject(err);
    };
    const form = new FormData();
    // Text fields before the file: the server reads them as the file arrives.
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
