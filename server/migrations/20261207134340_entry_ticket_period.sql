ALTER TABLE "access_passes" ADD COLUMN "ticket_period_end" timestamp with time zone;--> statement-breakpoint
-- One entry ticket per household every two days (seed 004: 一户一票两天一票), enforced by the
-- database: no two tickets of a household whose periods overlap, unless one was revoked.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
-- Tickets issued before: the newest (not revoked) of each household takes its period; older ones stay out of the rule.
UPDATE "access_passes" p SET "ticket_period_end" = p."valid_from" + interval '2 days'
WHERE p."kind" = 'entry_ticket' AND p."status" <> 'revoked'
  AND p."id" = (SELECT max(q."id") FROM "access_passes" q WHERE q."household_id" = p."household_id" AND q."kind" = 'entry_ticket' AND q."status" <> 'revoked');--> statement-breakpoint
ALTER TABLE "access_passes" ADD CONSTRAINT "access_passes_ticket_period_excl"
  EXCLUDE USING gist ("household_id" WITH =, tstzrange("valid_from", "ticket_period_end") WITH &&)
  WHERE ("kind" = 'entry_ticket' AND "status" <> 'revoked' AND "ticket_period_end" IS NOT NULL);
