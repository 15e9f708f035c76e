// The floor every bench compares with: a bare Fastify endpoint inserting one row through a
// plain pg pool (no session, scope, audit or live event), on the same machine and database.
//   DATABASE_URL=… PORT=… node bench/lib/minimal-pg.mjs
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL ?? 10) });
await pool.query('CREATE TABLE IF NOT EXISTS bench_minimal (id bigserial PRIMARY KEY, body text NOT NULL, at timestamptz NOT NULL DEFAULT now())');
const app = Fastify({ logger: false });
app.post('/items', async (req, reply) => {
  const { rows } = await pool.query({ name: 'ins', text: 'INSERT INTO bench_minimal (body) VALUES ($1) RETURNING id', values: [String(req.body?.body ?? '')] });
  return reply.code(201).send({ id: Number(rows[0].id) });
});
app.get('/healthz', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT ?? 3299), host: '127.0.0.1' });
process.once('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
