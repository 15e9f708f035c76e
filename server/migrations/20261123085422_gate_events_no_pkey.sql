-- Gate events need no primary key index: nothing refers to an event by its id, and an event is
-- identified by its unique (gate_id, client_id, at). The (id, at) index cost every insert a
-- btree entry (a quarter of the index work of a batch sync); the id column stays, numbered as before.
ALTER TABLE "gate_events" DROP CONSTRAINT "gate_events_pkey";
--> statement-breakpoint
-- Ids handed out 1,000 at a time per session: a batch sync of thousands of events then takes the
-- sequence's lock once per thousand rows, not once per row (ids may have gaps; nothing reads them).
ALTER SEQUENCE "gate_events_id_seq" CACHE 1000;
