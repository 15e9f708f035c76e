-- Gate events' unique key ordered (gate_id, at, client_id): still the idempotency key a retry
-- conflicts on (ON CONFLICT (gate_id, client_id, at) infers it whatever the order), and now also
-- the index the figures read, a gate's events over a time range, with new rows at the end of each
-- gate's range rather than at a random client id. The index on (place_path, at) goes: the figures
-- find the gates in scope first (access_gates, a few rows per community) and read by gate, so a
-- batch sync keeps two indexes instead of three (a fifth of PostgreSQL's work per event).
CREATE UNIQUE INDEX "gate_events_gate_at_key" ON "gate_events" ("gate_id", "at", "client_id");--> statement-breakpoint
DROP INDEX "gate_events_client_key";--> statement-breakpoint
DROP INDEX "gate_events_place_idx";
