-- The audit log is append-only and partitioned by day, so old days are dropped cheaply.
-- Partitions are made ahead by the scheduler (platform/db/partitions.ts); the default
-- partition catches anything outside them so no write is ever refused.
CREATE SEQUENCE "audit_log_id_seq" AS bigint;--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint NOT NULL DEFAULT nextval('audit_log_id_seq'),
	"at" timestamp with time zone NOT NULL DEFAULT now(),
	"actor_user_id" bigint,
	"actor_token_id" bigint,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"ip" text,
	"channel" text NOT NULL,
	"request_id" text,
	PRIMARY KEY ("id", "at")
) PARTITION BY RANGE ("at");--> statement-breakpoint
ALTER SEQUENCE "audit_log_id_seq" OWNED BY "audit_log"."id";--> statement-breakpoint
CREATE TABLE "audit_log_default" PARTITION OF "audit_log" DEFAULT;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" ("at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" ("entity_type", "entity_id", "at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" ("actor_user_id", "at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" ("action", "at");--> statement-breakpoint
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE OR DELETE ON "audit_log"
	FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
