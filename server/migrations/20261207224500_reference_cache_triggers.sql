-- Reference caches (server/src/platform/db/reference-cache.ts): every app instance keeps rows that are read on almost every
-- request and rarely written. Any statement that changes one of these tables, whoever sends it, announces the table on
-- channel jiayuan_cache; PostgreSQL delivers the notice when the transaction commits (never for one rolled back), and each
-- instance drops what it kept from that table.
CREATE FUNCTION "jiayuan_cache_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('jiayuan_cache', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "places_cache_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "places" FOR EACH STATEMENT EXECUTE FUNCTION "jiayuan_cache_changed"();
--> statement-breakpoint
-- Users change on every sign-in (last login, failed attempts); only a name change or a removal matters to what is kept.
CREATE TRIGGER "users_cache_changed" AFTER UPDATE OF "display_name" OR DELETE OR TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION "jiayuan_cache_changed"();
--> statement-breakpoint
CREATE TRIGGER "sd_categories_cache_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sd_categories" FOR EACH STATEMENT EXECUTE FUNCTION "jiayuan_cache_changed"();
--> statement-breakpoint
CREATE TRIGGER "sd_teams_cache_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sd_teams" FOR EACH STATEMENT EXECUTE FUNCTION "jiayuan_cache_changed"();
--> statement-breakpoint
CREATE TRIGGER "sd_team_members_cache_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sd_team_members" FOR EACH STATEMENT EXECUTE FUNCTION "jiayuan_cache_changed"();
--> statement-breakpoint
CREATE TRIGGER "sd_category_teams_cache_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sd_category_teams" FOR EACH STATEMENT EXECUTE FUNCTION "jiayuan_cache_changed"();
