CREATE TABLE "document_access" (
	"id" uuid PRIMARY KEY NOT NULL,
	"document_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"record_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"file_name" text NOT NULL,
	"file_id" uuid NOT NULL,
	"source" text NOT NULL,
	"identifier" text NOT NULL,
	"issuer_code" text NOT NULL,
	"issuer_name" text NOT NULL,
	"number" integer,
	"symbol" text,
	"is_confidential_series" boolean NOT NULL,
	"type_code" text NOT NULL,
	"issue_date" date NOT NULL,
	"issue_year" integer NOT NULL,
	"summary" text NOT NULL,
	"language" text NOT NULL,
	"page_count" integer NOT NULL,
	"keywords" text[] NOT NULL,
	"signer_name" text,
	"signer_position" text,
	"authority_prefix" text,
	"recipients" text,
	"access_level" text NOT NULL,
	"reliability" text NOT NULL,
	"notes" text,
	"version" integer NOT NULL,
	"supersedes_id" uuid,
	"derivative_file_id" uuid,
	"signature_status" text NOT NULL,
	"signature_report" jsonb,
	"text_status" text NOT NULL,
	"captured_at" timestamp with time zone NOT NULL,
	"captured_by" uuid NOT NULL,
	CONSTRAINT "documents_number_positive" CHECK ("documents"."number" is null or "documents"."number" > 0)
);
--> statement-breakpoint
CREATE TABLE "integrity_checks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"record_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"files_checked" integer NOT NULL,
	"bytes_checked" bigint NOT NULL,
	"faulty" jsonb NOT NULL,
	"started_by" uuid
);
--> statement-breakpoint
CREATE TABLE "record_classes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"retention_years" integer,
	"basis" text NOT NULL,
	"is_active" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "record_classes_code_unique" UNIQUE("code"),
	CONSTRAINT "record_classes_retention" CHECK ("record_classes"."retention_years" is null or "record_classes"."retention_years" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "record_list_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"record_class_id" uuid NOT NULL,
	"responsible_user_id" uuid,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"list_item_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"record_class_id" uuid NOT NULL,
	"retention_years" integer,
	"access_level" text NOT NULL,
	"language" text NOT NULL,
	"keywords" text[] NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"responsible_user_id" uuid,
	"status" text NOT NULL,
	"dossier_id" uuid,
	"order_id" uuid,
	"document_count" integer NOT NULL,
	"page_count" integer NOT NULL,
	"seal_hash" char(64),
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"legal_hold" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "records_closed" CHECK (("records"."status" = 'open') = ("records"."seal_hash" is null))
);
--> statement-breakpoint
ALTER TABLE "document_access" ADD CONSTRAINT "document_access_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_access" ADD CONSTRAINT "document_access_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_supersedes_id_documents_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_derivative_file_id_files_id_fk" FOREIGN KEY ("derivative_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_captured_by_users_id_fk" FOREIGN KEY ("captured_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrity_checks" ADD CONSTRAINT "integrity_checks_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrity_checks" ADD CONSTRAINT "integrity_checks_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_list_items" ADD CONSTRAINT "record_list_items_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_list_items" ADD CONSTRAINT "record_list_items_record_class_id_record_classes_id_fk" FOREIGN KEY ("record_class_id") REFERENCES "public"."record_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_list_items" ADD CONSTRAINT "record_list_items_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_list_item_id_record_list_items_id_fk" FOREIGN KEY ("list_item_id") REFERENCES "public"."record_list_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_record_class_id_record_classes_id_fk" FOREIGN KEY ("record_class_id") REFERENCES "public"."record_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_access_document_idx" ON "document_access" USING btree ("document_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_ordinal_key" ON "documents" USING btree ("record_id","ordinal");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_number_key" ON "documents" USING btree ("issuer_code","issue_year","is_confidential_series","number","symbol") WHERE "documents"."number" is not null and "documents"."supersedes_id" is null;--> statement-breakpoint
CREATE INDEX "documents_file_idx" ON "documents" USING btree ("file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_list_items_key" ON "record_list_items" USING btree ("agency_id","year","code");--> statement-breakpoint
CREATE UNIQUE INDEX "records_code_key" ON "records" USING btree ("agency_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "records_dossier_key" ON "records" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "records_status_idx" ON "records" USING btree ("status","end_date");