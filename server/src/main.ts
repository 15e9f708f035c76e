import { buildApp } from './app.js';
import { startScheduler } from './jobs.js';
import { bootstrapAdmin } from './platform/auth/identity.service.js';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { recoverInterruptedImports } from './platform/imports/imports.service.js';
import { createPlatform } from './platform/platform.js';

/** Reads the configuration, or explains what is wrong with it and exits. */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

/** Serves the API, the web app and the scheduler on an opened platform until a signal stops it. */
export async function serve(platform: Awaited<ReturnType<typeof createPlatform>>) {
  const { config } = platform;
  await recoverInterruptedImports(platform);
  const app = await buildApp(platform);
  const scheduler = config.scheduler ? startScheduler(platform) : null;
  const close = async () => {
    await scheduler?.stop();
    await app.close();
    await platform.shutdown();
    process.exit(0);
  };
  // A promise nobody awaited failed: log it (without personal data, as every log line) and keep
  // serving everyone else, instead of Node's default of ending the process.
  process.on('unhandledRejection', (err) => platform.log.error({ err }, 'unhandled rejection'));
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  await app.listen({ port: config.port, host: config.host });
  console.log(`\n  Jiayuan 家园 is serving on http://localhost:${config.port}  (database: ${platform.database.kind})\n`);
  return app;
}

/** `npm start`: config, database and migrations, first admin, then serve. */
export async function main() {
  const platform = await createPlatform(configOrExit());
  const admin = await bootstrapAdmin(platform);
  if (admin.created && admin.password) {
    console.log(`\n  First start: created user "admin" with password  ${admin.password}\n  (shown only this once; you will be asked to change it)`);
  } else if (admin.created) {
    console.log('\n  First start: created user "admin" with the password from JIAYUAN_ADMIN_PASSWORD');
  }
  await serve(platform);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
