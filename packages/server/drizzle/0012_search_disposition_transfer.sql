CREATE TABLE "archival_transfers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"status" text NOT NULL,
	"record_ids" uuid[] NOT NULL,
	"file_id" uuid,
	"package_sha256" char(64),
	"package_bytes" bigint,
	"report" jsonb,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "disposition_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"status" text NOT NULL,
	"decision_number" text NOT NULL,
	"decision_date" date NOT NULL,
	"archive_opinion" text NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"first_approved_by" uuid,
	"first_approved_at" timestamp with time zone,
	"second_approved_by" uuid,
	"second_approved_at" timestamp with time zone,
	"executed_by" uuid,
	"executed_at" timestamp with time zone,
	"minutes_file_id" uuid,
	"cancel_reason" text,
	CONSTRAINT "disposition_two_people" CHECK ("disposition_batches"."second_approved_by" is null or "disposition_batches"."second_approved_by" <> "disposition_batches"."first_approved_by")
);
--> statement-breakpoint
CREATE TABLE "disposition_items" (
	"batch_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"snapshot" jsonb
);
--> statement-breakpoint
CREATE TABLE "document_texts" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"content" text NOT NULL,
	"plain" text NOT NULL,
	"source" text NOT NULL,
	"plain_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', plain)) STORED NOT NULL,
	"exact_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', lower(content))) STORED NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saved_searches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "archival_transfers" ADD CONSTRAINT "archival_transfers_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archival_transfers" ADD CONSTRAINT "archival_transfers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_batches" ADD CONSTRAINT "disposition_batches_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_batches" ADD CONSTRAINT "disposition_batches_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_batches" ADD CONSTRAINT "disposition_batches_first_approved_by_users_id_fk" FOREIGN KEY ("first_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_batches" ADD CONSTRAINT "disposition_batches_second_approved_by_users_id_fk" FOREIGN KEY ("second_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_batches" ADD CONSTRAINT "disposition_batches_executed_by_users_id_fk" FOREIGN KEY ("executed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_batches" ADD CONSTRAINT "disposition_batches_minutes_file_id_files_id_fk" FOREIGN KEY ("minutes_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_items" ADD CONSTRAINT "disposition_items_batch_id_disposition_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."disposition_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_items" ADD CONSTRAINT "disposition_items_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_texts" ADD CONSTRAINT "document_texts_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_searches" ADD CONSTRAINT "saved_searches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disposition_items_key" ON "disposition_items" USING btree ("batch_id","record_id");--> statement-breakpoint
CREATE INDEX "disposition_items_record_idx" ON "disposition_items" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "document_texts_plain_idx" ON "document_texts" USING gin ("plain_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_searches_name_key" ON "saved_searches" USING btree ("user_id","name");