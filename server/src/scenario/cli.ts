import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.js';
import { createPlatform } from '../platform/platform.js';
import { generateScenario } from './generate.js';
import { SHAPES } from './shapes.js';

/** `npm run scenario -- <name> [--seed N] [--no-residents]`: writes a scenario into the configured database. */
async function cli() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { seed: { type: 'string', default: '1' }, 'no-residents': { type: 'boolean', default: false } },
  });
  const name = positionals[0];
  const shape = name ? SHAPES[name] : undefined;
  if (!shape) {
    console.error(`usage: npm run scenario -- <${Object.keys(SHAPES).join('|')}> [--seed N] [--no-residents]`);
    process.exit(2);
  }
  const config = loadConfig({ ...process.env, JIAYUAN_SCHEDULER: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const platform = await createPlatform(config);
  try {
    const r = await generateScenario(platform, shape, {
      seed: Number(values.seed),
      withResidents: !values['no-residents'],
      log: (m) => console.log(`  ${m}`),
    });
    console.log(
      `${shape.name} (seed ${values.seed}) on ${platform.database.kind}: ${r.places} places, ${r.dwellings} dwellings, ` +
        `${r.households} households, ${r.residents} residents, ${r.employers} employers, ${r.users} users in ${r.seconds.toFixed(1)} s`,
    );
  } finally {
    await platform.shutdown();
  }
}

await cli();
