CREATE TABLE "place_import_rows" (
	"job_id" bigint NOT NULL,
	"ref" integer NOT NULL,
	"row_no" integer NOT NULL,
	"parent_id" bigint,
	"parent_ref" integer,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"depth" integer NOT NULL,
	"sort_order" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "place_import_rows_job_idx" ON "place_import_rows" USING btree ("job_id","depth");