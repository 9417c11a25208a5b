CREATE TABLE "calendar_days" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalogue_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" varchar(50) NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"ordering_methods" text[] NOT NULL,
	"norm_reference" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "information_systems" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" varchar(50) NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"owner_agency_id" uuid NOT NULL,
	"operator_agency_id" uuid,
	"security_level" integer NOT NULL,
	"security_decision_number" text,
	"security_decision_date" date,
	"components" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "information_systems_security_level" CHECK ("information_systems"."security_level" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "service_information_systems" (
	"service_id" uuid NOT NULL,
	"information_system_id" uuid NOT NULL,
	CONSTRAINT "service_information_systems_service_id_information_system_id_pk" PRIMARY KEY("service_id","information_system_id")
);
--> statement-breakpoint
CREATE TABLE "service_kpis" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"code" varchar(50) NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"target" numeric(14, 4) NOT NULL,
	"direction" text NOT NULL,
	"measurement" text NOT NULL,
	"deduction_rule" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_prices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"unit_price" bigint NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"decision_number" text NOT NULL,
	"decision_date" date NOT NULL,
	"decision_issuer" text NOT NULL,
	CONSTRAINT "service_prices_positive" CHECK ("service_prices"."unit_price" >= 0),
	CONSTRAINT "service_prices_period" CHECK ("service_prices"."valid_to" is null or "service_prices"."valid_to" >= "service_prices"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "information_systems" ADD CONSTRAINT "information_systems_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_systems" ADD CONSTRAINT "information_systems_operator_agency_id_agencies_id_fk" FOREIGN KEY ("operator_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_information_systems" ADD CONSTRAINT "service_information_systems_service_id_catalogue_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."catalogue_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_information_systems" ADD CONSTRAINT "service_information_systems_information_system_id_information_systems_id_fk" FOREIGN KEY ("information_system_id") REFERENCES "public"."information_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_kpis" ADD CONSTRAINT "service_kpis_service_id_catalogue_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."catalogue_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_prices" ADD CONSTRAINT "service_prices_service_id_catalogue_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."catalogue_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalogue_services_code_key" ON "catalogue_services" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "information_systems_code_key" ON "information_systems" USING btree ("code");--> statement-breakpoint
CREATE INDEX "information_systems_owner_idx" ON "information_systems" USING btree ("owner_agency_id");--> statement-breakpoint
CREATE INDEX "service_information_systems_system_idx" ON "service_information_systems" USING btree ("information_system_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_kpis_service_code_key" ON "service_kpis" USING btree ("service_id","code");--> statement-breakpoint
CREATE INDEX "service_prices_service_idx" ON "service_prices" USING btree ("service_id","valid_from");