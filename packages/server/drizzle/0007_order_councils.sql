ALTER TABLE "councils" ALTER COLUMN "dossier_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "councils" ADD COLUMN "order_id" uuid;--> statement-breakpoint
ALTER TABLE "councils" ADD COLUMN "from_council_id" uuid;--> statement-breakpoint
ALTER TABLE "councils" ADD CONSTRAINT "councils_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "councils" ADD CONSTRAINT "councils_from_council_id_councils_id_fk" FOREIGN KEY ("from_council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "councils_order_key" ON "councils" USING btree ("order_id");--> statement-breakpoint
ALTER TABLE "councils" ADD CONSTRAINT "councils_one_scope" CHECK (("councils"."dossier_id" is null) <> ("councils"."order_id" is null));