CREATE TABLE "trust_anchors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject" text NOT NULL,
	"fingerprint_sha256" char(64) NOT NULL,
	"pem" text NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"is_active" boolean NOT NULL,
	"added_by" uuid NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trust_anchors_fingerprint_sha256_unique" UNIQUE("fingerprint_sha256")
);
--> statement-breakpoint
ALTER TABLE "trust_anchors" ADD CONSTRAINT "trust_anchors_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;