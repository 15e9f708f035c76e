import type { Browser, Page } from '@playwright/test';

export type Encoding = 'br' | 'gzip' | 'identity';

export interface FirstLoad {
  /** Script responses on the load. */
  scripts: number;
  /** Bytes of script bodies as they came over the wire (compressed where the server compressed). */
  transferred: number;
  /** The same scripts' bytes once decompressed. */
  raw: number;
  /** Content-Encoding of each script response (to show what the server sent). */
  encodings: string[];
  /** Each script: its file name and bytes over the wire, largest first. */
  files: { name: string; transferred: number }[];
}

type StorageState = Awaited<ReturnType<Awaited<ReturnType<Browser['newContext']>>['storageState']>>;

/**
 * Opens `path` in a fresh browser profile (empty cache, service worker blocked so its precache
 * is not counted) asking for `encoding`, waits until `ready` says the page is drawn, and adds up
 * the script responses of that first load.
 */
export async function measureFirstLoad(
  browser: Browser,
  opts: {
    baseURL: string;
    path: string;
    encoding: Encoding;
    ready: (page: Page) => Promise<void>;
    storageState?: StorageState;
    viewport?: { width: number; height: number };
  },
): Promise<FirstLoad> {
  const context = await browser.newContext({
    baseURL: opts.baseURL,
    serviceWorkers: 'block',
    storageState: opts.storageState,
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // Chromium asks for br, gzip, deflate and zstd on its own; the others are asked for by name.
    extraHTTPHeaders: opts.encoding === 'br' ? {} : { 'accept-encoding': opts.encoding },
  });
  try {
    const page = await context.newPage();
    const pending: Promise<void>[] = [];
    const out: FirstLoad = { scripts: 0, transferred: 0, raw: 0, encodings: [], files: [] };
    page.on('requestfinished', (req) => {
      if (req.resourceType() !== 'script') return;
      pending.push(
        (async () => {
          const res = await req.response();
          if (!res) return;
          const sizes = await req.sizes();
          const body = await res.body();
          out.scripts += 1;
          out.transferred += sizes.responseBodySize;
          out.raw += body.length;
          out.encodings.push((await res.headerValue('content-encoding')) ?? 'none');
          out.files.push({ name: new URL(req.url()).pathname.split('/').pop() ?? '', transferred: sizes.responseBodySize });
        })(),
      );
    });
    await page.goto(opts.path);
    await opts.ready(page);
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    out.files.sort((a, b) => b.transferred - a.transferred);
    return out;
  } finally {
    await context.close();
  }
}

/** A signed-in browser profile (cookies) for `username`, changing a temporary password to `<password>-new`. */
export async function signedInState(browser: Browser, baseURL: string, username: string, password: string): Promise<StorageState> {
  const context = await browser.newContext({ baseURL });
  try {
    const login = await context.request.post('/api/auth/login', { data: { username, password } });
    if (login.status() !== 200) throw new Error(`sign-in of ${username}: ${login.status()} ${await login.text()}`);
    const me = (await (await context.request.get('/api/me')).json()) as { csrfToken: string; mustChangePassword: boolean };
    if (me.mustChangePassword) {
      const changed = await context.request.post('/api/me/password', {
        data: { currentPassword: password, newPassword: `${password}-new` },
        headers: { 'x-csrf-token': me.csrfToken },
      });
      if (changed.status() !== 200) throw new Error(`password change of ${username}: ${changed.status()}`);
    }
    return await context.storageState();
  } finally {
    await context.close();
  }
}
