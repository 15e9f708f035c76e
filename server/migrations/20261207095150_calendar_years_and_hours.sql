CREATE TABLE "calendar_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"open_at" text NOT NULL,
	"close_at" text NOT NULL,
	"updated_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "calendar_settings_one_row" CHECK ("calendar_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"holidays" jsonb NOT NULL,
	"make_up_days" jsonb NOT NULL,
	"note" text,
	"updated_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "calendar_years_year_check" CHECK ("calendar_years"."year" BETWEEN 2000 AND 2100)
);
--> statement-breakpoint
ALTER TABLE "observation_cases" ADD COLUMN "plan_first_day_counted" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "observation_settings" ADD COLUMN "arrival_day_counted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "obligation_rules" ADD COLUMN "on_holiday" text DEFAULT 'keep' NOT NULL;--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "working_time" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Weekly and monthly duties so far fell on holidays too; from now on they skip them unless the rule says otherwise.
UPDATE "obligation_rules" SET "on_holiday" = 'skip' WHERE "recurrence" IN ('weekly', 'monthly');
