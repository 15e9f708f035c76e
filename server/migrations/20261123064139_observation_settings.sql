CREATE TABLE "observation_settings" (
	"community_id" bigint PRIMARY KEY NOT NULL,
	"slots" jsonb NOT NULL,
	"updated_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
