-- Health checks of observation cases: one row per person per check slot, partitioned by day
-- on window_start (city scale: 50,000 a day), so retention drops whole days. Partitions are
-- made ahead by the scheduler (platform/db/partitions.ts); the default partition catches the rest.
CREATE SEQUENCE "observation_checks_id_seq" AS bigint;--> statement-breakpoint
CREATE TABLE "observation_checks" (
	"id" bigint NOT NULL DEFAULT nextval('observation_checks_id_seq'),
	"case_id" bigint NOT NULL,
	"resident_id" bigint NOT NULL,
	"place_path" text COLLATE "C" NOT NULL,
	"slot_date" date NOT NULL,
	"slot_no" integer,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"grace_until" timestamp with time zone NOT NULL,
	"temperature" numeric(3, 1),
	"symptoms" text[] DEFAULT '{}'::text[] NOT NULL,
	"alert" boolean DEFAULT false NOT NULL,
	"note" text,
	"taken_at" timestamp with time zone,
	"taken_by" bigint,
	"taken_by_name" text,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" bigint,
	PRIMARY KEY ("id", "window_start")
) PARTITION BY RANGE ("window_start");--> statement-breakpoint
ALTER SEQUENCE "observation_checks_id_seq" OWNED BY "observation_checks"."id";--> statement-breakpoint
CREATE TABLE "observation_checks_default" PARTITION OF "observation_checks" DEFAULT;--> statement-breakpoint
-- One row per person per slot: the slot job may run on several instances, or twice.
CREATE UNIQUE INDEX "observation_checks_slot_key" ON "observation_checks" ("case_id", "resident_id", "slot_date", "slot_no", "window_start");--> statement-breakpoint
CREATE INDEX "observation_checks_case_idx" ON "observation_checks" ("case_id", "window_start");--> statement-breakpoint
CREATE INDEX "observation_checks_place_idx" ON "observation_checks" ("place_path", "window_start");
