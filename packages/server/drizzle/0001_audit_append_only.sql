-- The audit log is append-only: refuse UPDATE, DELETE and TRUNCATE at the database.
-- Someone with owner rights can still disable the trigger; the hash chain is what
-- makes that tampering detectable (npm run cli -- verify).
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
-- Genesis: the chain starts from 64 zeros.
INSERT INTO audit_head (id, seq, hash, occurred_at)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', NULL);
