-- Gate events (通行登记): one registration at a gate or checkpoint, partitioned by day on "at"
-- (the device's time of the event), so retention drops whole days. Partitions are made ahead by
-- the scheduler (platform/db/partitions.ts); the default partition catches the rest.
-- Idempotent on the device's client id: a unique index on a partitioned table must hold the
-- partition key, so it is (gate_id, client_id, at); a retry carries the same id and time.
CREATE SEQUENCE "gate_events_id_seq" AS bigint;--> statement-breakpoint
CREATE TABLE "gate_events" (
	"id" bigint NOT NULL DEFAULT nextval('gate_events_id_seq'),
	"gate_id" bigint NOT NULL,
	"client_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"subject" text NOT NULL,
	"direction" text NOT NULL,
	"pass_id" bigint,
	"resident_id" bigint,
	"plate" text,
	"visitor" boolean DEFAULT false NOT NULL,
	"temperature" numeric(3, 1),
	"fever" boolean DEFAULT false NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"place_path" text COLLATE "C" NOT NULL,
	"recorded_by" bigint,
	"recorded_by_token" bigint,
	"received_at" timestamp with time zone NOT NULL DEFAULT now(),
	PRIMARY KEY ("id", "at")
) PARTITION BY RANGE ("at");--> statement-breakpoint
ALTER SEQUENCE "gate_events_id_seq" OWNED BY "gate_events"."id";--> statement-breakpoint
CREATE TABLE "gate_events_default" PARTITION OF "gate_events" DEFAULT;--> statement-breakpoint
CREATE UNIQUE INDEX "gate_events_client_key" ON "gate_events" ("gate_id", "client_id", "at");--> statement-breakpoint
CREATE INDEX "gate_events_place_idx" ON "gate_events" ("place_path", "at");--> statement-breakpoint
CREATE INDEX "gate_events_pass_idx" ON "gate_events" ("pass_id") WHERE "pass_id" IS NOT NULL;
