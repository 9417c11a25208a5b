CREATE TABLE "council_members" (
	"council_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"has_conflict" boolean,
	"conflict_note" text,
	"declared_at" timestamp with time zone,
	"voted_at" timestamp with time zone,
	CONSTRAINT "council_members_council_id_user_id_pk" PRIMARY KEY("council_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "council_votes" (
	"council_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"vote" text NOT NULL,
	"score" integer,
	"comment" text,
	CONSTRAINT "council_votes_council_id_user_id_line_no_pk" PRIMARY KEY("council_id","user_id","line_no"),
	CONSTRAINT "council_votes_score" CHECK ("council_votes"."score" is null or ("council_votes"."score" between 0 and 100))
);
--> statement-breakpoint
CREATE TABLE "councils" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"decision_number" text NOT NULL,
	"decision_date" date NOT NULL,
	"quorum" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "councils_quorum" CHECK ("councils"."quorum" >= 1)
);
--> statement-breakpoint
CREATE TABLE "dossier_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"acting_for_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"reason" text,
	"step_started_at" timestamp with time zone NOT NULL,
	"step_due_date" date
);
--> statement-breakpoint
CREATE TABLE "dossier_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"document_type" text NOT NULL,
	"line_no" integer,
	"kpi_code" varchar(50),
	"round" integer NOT NULL,
	"added_by" uuid NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_kpis" (
	"dossier_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"code" varchar(50) NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"target" numeric(14, 4) NOT NULL,
	"direction" text NOT NULL,
	"deduction_rule" jsonb NOT NULL,
	"actual" numeric(14, 4),
	"verdict" text,
	"deduction" bigint,
	"explanation" jsonb,
	CONSTRAINT "dossier_kpis_dossier_id_line_no_code_pk" PRIMARY KEY("dossier_id","line_no","code")
);
--> statement-breakpoint
CREATE TABLE "dossier_lines" (
	"dossier_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"service_id" uuid NOT NULL,
	"service_code" varchar(50) NOT NULL,
	"service_name" text NOT NULL,
	"unit" text NOT NULL,
	"unit_price" bigint NOT NULL,
	"planned_quantity" numeric(18, 4) NOT NULL,
	"planned_value" bigint NOT NULL,
	"delivered_quantity" numeric(18, 4),
	"accepted_quantity" numeric(18, 4),
	"deduction" bigint DEFAULT 0 NOT NULL,
	"accepted_value" bigint,
	"remarks" text,
	CONSTRAINT "dossier_lines_dossier_id_line_no_pk" PRIMARY KEY("dossier_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" varchar(60),
	"order_id" uuid NOT NULL,
	"order_version" integer NOT NULL,
	"period_no" integer NOT NULL,
	"period_label" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"ordering_agency_id" uuid NOT NULL,
	"provider_agency_id" uuid NOT NULL,
	"state" text NOT NULL,
	"completion_report" text NOT NULL,
	"self_assessment" text NOT NULL,
	"appraiser_id" uuid,
	"appraisal_remarks" text,
	"council_summary" text,
	"supplement_rounds" integer DEFAULT 0 NOT NULL,
	"step_started_at" timestamp with time zone NOT NULL,
	"step_due_date" date,
	"step_extended" boolean DEFAULT false NOT NULL,
	"paused_remaining_days" integer,
	"due_soon_notified_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"planned_value" bigint NOT NULL,
	"deduction_total" bigint,
	"accepted_value" bigint,
	"paid_total" bigint DEFAULT 0 NOT NULL,
	"conclusion" text,
	"conclusion_text" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_acting_for" uuid,
	"minutes_number" text,
	"minutes_issued_on" date,
	"minutes_file_id" uuid,
	"minutes_signed_file_id" uuid,
	"submitted_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dossiers_money" CHECK ("dossiers"."planned_value" >= 0 and "dossiers"."paid_total" >= 0 and ("dossiers"."accepted_value" is null or ("dossiers"."accepted_value" >= 0 and "dossiers"."accepted_value" <= "dossiers"."planned_value")))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"dossier_id" uuid,
	"order_id" uuid,
	"params" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	"email_status" text NOT NULL,
	"emailed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "order_versions" (
	"order_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"total_value" bigint NOT NULL,
	"reason" text,
	"approval_document" text,
	"approved_by" uuid,
	"approved_acting_for" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "order_versions_order_id_version_pk" PRIMARY KEY("order_id","version")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" varchar(60) NOT NULL,
	"title" text NOT NULL,
	"method" text NOT NULL,
	"legal_regime" text NOT NULL,
	"ordering_agency_id" uuid NOT NULL,
	"provider_agency_id" uuid NOT NULL,
	"budget_year" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"total_value" bigint NOT NULL,
	"liquidation" jsonb,
	"settlement" jsonb,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "orders_total_positive" CHECK ("orders"."total_value" >= 0),
	CONSTRAINT "orders_period" CHECK ("orders"."end_date" >= "orders"."start_date")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"dossier_id" uuid,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"treasury_reference" text NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount" > 0),
	CONSTRAINT "payments_dossier_for_kind" CHECK (("payments"."kind" = 'advance') = ("payments"."dossier_id" is null))
);
--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_votes" ADD CONSTRAINT "council_votes_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_votes" ADD CONSTRAINT "council_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "councils" ADD CONSTRAINT "councils_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "councils" ADD CONSTRAINT "councils_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_comments" ADD CONSTRAINT "dossier_comments_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_comments" ADD CONSTRAINT "dossier_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_events" ADD CONSTRAINT "dossier_events_acting_for_id_users_id_fk" FOREIGN KEY ("acting_for_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_files" ADD CONSTRAINT "dossier_files_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_files" ADD CONSTRAINT "dossier_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_files" ADD CONSTRAINT "dossier_files_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_kpis" ADD CONSTRAINT "dossier_kpis_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_lines" ADD CONSTRAINT "dossier_lines_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_lines" ADD CONSTRAINT "dossier_lines_service_id_catalogue_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."catalogue_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_ordering_agency_id_agencies_id_fk" FOREIGN KEY ("ordering_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_provider_agency_id_agencies_id_fk" FOREIGN KEY ("provider_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_appraiser_id_users_id_fk" FOREIGN KEY ("appraiser_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_decided_acting_for_users_id_fk" FOREIGN KEY ("decided_acting_for") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_minutes_file_id_files_id_fk" FOREIGN KEY ("minutes_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_minutes_signed_file_id_files_id_fk" FOREIGN KEY ("minutes_signed_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_versions" ADD CONSTRAINT "order_versions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_versions" ADD CONSTRAINT "order_versions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_versions" ADD CONSTRAINT "order_versions_approved_acting_for_users_id_fk" FOREIGN KEY ("approved_acting_for") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_versions" ADD CONSTRAINT "order_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_ordering_agency_id_agencies_id_fk" FOREIGN KEY ("ordering_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_provider_agency_id_agencies_id_fk" FOREIGN KEY ("provider_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "council_members_user_idx" ON "council_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "councils_dossier_key" ON "councils" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_comments_dossier_idx" ON "dossier_comments" USING btree ("dossier_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_events_seq_key" ON "dossier_events" USING btree ("dossier_id","seq");--> statement-breakpoint
CREATE INDEX "dossier_events_actor_idx" ON "dossier_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "dossier_files_dossier_idx" ON "dossier_files" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_files_file_idx" ON "dossier_files" USING btree ("file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_code_key" ON "dossiers" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_order_period_live_key" ON "dossiers" USING btree ("order_id","period_no") WHERE "dossiers"."state" not in ('rejected', 'withdrawn');--> statement-breakpoint
CREATE INDEX "dossiers_state_due_idx" ON "dossiers" USING btree ("state","step_due_date");--> statement-breakpoint
CREATE INDEX "dossiers_ordering_agency_idx" ON "dossiers" USING btree ("ordering_agency_id","state");--> statement-breakpoint
CREATE INDEX "dossiers_provider_agency_idx" ON "dossiers" USING btree ("provider_agency_id","state");--> statement-breakpoint
CREATE INDEX "dossiers_order_idx" ON "dossiers" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "dossiers_appraiser_idx" ON "dossiers" USING btree ("appraiser_id");--> statement-breakpoint
CREATE INDEX "dossiers_updated_idx" ON "dossiers" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_code_key" ON "orders" USING btree ("code");--> statement-breakpoint
CREATE INDEX "orders_ordering_agency_idx" ON "orders" USING btree ("ordering_agency_id","budget_year");--> statement-breakpoint
CREATE INDEX "orders_provider_agency_idx" ON "orders" USING btree ("provider_agency_id","budget_year");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status");--> statement-breakpoint
CREATE INDEX "payments_order_idx" ON "payments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "payments_dossier_idx" ON "payments" USING btree ("dossier_id");