import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const target = process.env.JIAYUAN_API ?? 'http://localhost:3000';

/**
 * One language per chunk (issue 10, item 23). Every `*.i18n.ts` holds both languages
 * (`export { zh, en }`); imported from `src/i18n-zh-CN(.modules).ts`, `src/i18n-en-US(.modules).ts` or a
 * module's `i18n-zh-CN.ts`/`i18n-en-US.ts`, it is loaded as its own module exporting only that
 * language, so the other one is left out of the chunk instead of both landing in one shared chunk.
 */
function i18nOneLanguage(): Plugin {
  const langOf = (importer: string | undefined) => {
    const m = importer ? /\/i18n-(zh-CN|en-US)(\.modules|\.audit)?\.ts$/.exec(importer) : null;
    return m ? (m[1] === 'zh-CN' ? 'zh' : 'en') : null;
  };
  return {
    name: 'jiayuan-i18n-one-language',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const lang = langOf(importer);
      // `.i18n` as written by hand, `.i18n.ts` as import.meta.glob writes it (i18n-*.audit.ts).
      if (!lang || !/\.i18n(\.ts)?$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved ? `${resolved.id}?lang=${lang}` : null;
    },
    load(id) {
      const m = /^(.*\.i18n\.ts)\?lang=(zh|en)$/.exec(id);
      const file = m?.[1];
      if (!m || !file) return null;
      const code = readFileSync(file, 'utf8');
      const out = code.replace(/^export \{ zh, en \};$/m, `export { ${m[2]} };`);
      if (out === code) throw new Error(`${file}: expected \`export { zh, en };\``);
      return { code: out, moduleType: 'ts' };
    },
  };
}

/**
 * The icons only the side menu uses (the modules' `menu.tsx`, the platform's groups): they go in
 * one chunk with the menu entries, fetched with the console's frame, as they were in the frame's
 * own chunk before the menu came from the modules. An icon a page uses too is left where rolldown
 * shares it (in the menus' chunk, the sign-in page would fetch every menu with its one icon).
 */
function menuOnlyIcons(): Set<string> {
  const src = fileURLToPath(new URL('./src', import.meta.url));
  const menus = new Set<string>();
  const elsewhere = new Set<string>();
  for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
    if (!/\.tsx?$/.test(file)) continue;
    const code = readFileSync(join(src, file), 'utf8');
    const isMenu = /(^|[\\/])menu\.tsx$/.test(file);
    for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@ant-design\/icons'/g)) {
      for (const name of m[1]!
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean))
        (isMenu ? menus : elsewhere).add(name);
    }
  }
  return new Set([...menus].filter((name) => !elsewhere.has(name)));
}
const MENU_ICONS = menuOnlyIcons();

function isMenuModule(id: string): boolean {
  const path = id.replace(/\\/g, '/');
  if (/\/src\/modules\/[^/]+\/menu\.tsx$/.test(path)) return true;
  const icon = /\/@ant-design\/icons(?:-svg)?\/es\/(?:icons|asn)\/(\w+)\.js$/.exec(path);
  return !!icon && MENU_ICONS.has(icon[1]!);
}

/** A module of the console's texts in one language (see the codeSplitting groups below). */
function consoleTexts(id: string, lang: 'zh-CN' | 'en-US'): boolean {
  const path = id.replace(/\\/g, '/');
  if (path.endsWith(`/src/i18n-${lang}.modules.ts`)) return true;
  if (/\/src\/modules\/[^/]+\/i18n-(zh-CN|en-US)\.ts$/.test(path)) return path.endsWith(`/i18n-${lang}.ts`);
  const text = /\.i18n\.ts\?lang=(zh|en)$/.exec(path);
  if (!text || text[1] !== lang.slice(0, 2)) return false;
  // The names of permissions and audit actions go with the pages that show them (auditTexts).
  if (/\/audit-actions\.i18n\.ts\?/.test(path)) return false;
  // The sign-in page's own texts stay in its chunk.
  return !/\/platform\/(i18n\/common|layout\/layout)\.i18n\.ts\?/.test(path);
}

/** A module of the permission and audit-action names in one language (i18n-*.audit.ts and what it gathers). */
function auditTexts(id: string, lang: 'zh' | 'en'): boolean {
  const path = id.replace(/\\/g, '/');
  return path.endsWith(`/src/i18n-${lang === 'zh' ? 'zh-CN' : 'en-US'}.audit.ts`) || path.endsWith(`/audit-actions.i18n.ts?lang=${lang}`);
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    i18nOneLanguage(),
    react(),
    // The app shell works offline (screening visitors record visits without a network): Workbox
    // precaches the built files; API calls are never cached here, the pages keep their own data.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        name: '家园 入户摸排',
        short_name: '入户摸排',
        description: 'Jiayuan door-to-door screening',
        lang: 'zh-CN',
        start_url: '/screening/visit',
        scope: '/',
        display: 'standalone',
        background_color: '#f3f5f8',
        theme_color: '#0f6cbd',
        icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/healthz/, /^\/open311\//, /^\/\.well-known\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  resolve: {
    alias: { '@jiayuan/contracts': fileURLToPath(new URL('../contracts/src/index.ts', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target, changeOrigin: false },
      '/healthz': { target },
      '/.well-known': { target },
      '/open311': { target },
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            // The console's texts of one language in one chunk, as one request: the platform's
            // (i18n-*.modules.ts) and every module's own bundle (modules/<m>/i18n-*.ts), without
            // the sign-in page's (common, layout: i18n-zh-CN.ts / i18n-en-US.ts).
            { name: 'i18n-zh-CN.modules', test: (id: string) => consoleTexts(id, 'zh-CN'), includeDependenciesRecursively: false },
            { name: 'i18n-en-US.modules', test: (id: string) => consoleTexts(id, 'en-US'), includeDependenciesRecursively: false },
            // Every module's names of permissions and audit actions, one chunk per language (i18n-*.audit.ts).
            { name: 'i18n-zh-CN.audit', test: (id: string) => auditTexts(id, 'zh'), includeDependenciesRecursively: false },
            { name: 'i18n-en-US.audit', test: (id: string) => auditTexts(id, 'en'), includeDependenciesRecursively: false },
            // Every module's side-menu entries and the icons only they use, in one chunk (menuOnlyIcons).
            { name: 'menus', test: isMenuModule, includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
});
