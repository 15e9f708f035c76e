CREATE TABLE "identifier_search_counts" (
	"subject" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"searches" integer NOT NULL,
	CONSTRAINT "identifier_search_counts_subject_minute_pk" PRIMARY KEY("subject","minute")
);
