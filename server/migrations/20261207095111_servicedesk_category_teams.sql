-- Teams per category, each for the place it serves: an order goes to the team serving its place.
CREATE TABLE "sd_category_teams" (
	"category_id" bigint NOT NULL,
	"team_id" bigint NOT NULL,
	CONSTRAINT "sd_category_teams_category_id_team_id_pk" PRIMARY KEY("category_id","team_id")
);
--> statement-breakpoint
ALTER TABLE "sd_category_teams" ADD CONSTRAINT "sd_category_teams_category_id_sd_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."sd_categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sd_category_teams" ADD CONSTRAINT "sd_category_teams_team_id_sd_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."sd_teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sd_category_teams_team_idx" ON "sd_category_teams" USING btree ("team_id");--> statement-breakpoint
-- Each category's one team moves into the new table: it keeps answering within the place it serves
-- (and no longer outside it), and other teams can now answer for the category elsewhere.
INSERT INTO "sd_category_teams" ("category_id", "team_id") SELECT c."id", c."team_id" FROM "sd_categories" c JOIN "sd_teams" t ON t."id" = c."team_id";--> statement-breakpoint
ALTER TABLE "sd_categories" DROP COLUMN "team_id";