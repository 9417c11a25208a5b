DROP INDEX "dossiers_updated_idx";--> statement-breakpoint
CREATE INDEX "dossiers_step_due_id_idx" ON "dossiers" USING btree ("step_due_date","id");--> statement-breakpoint
CREATE INDEX "dossiers_updated_id_idx" ON "dossiers" USING btree ("updated_at" DESC NULLS LAST,"id");