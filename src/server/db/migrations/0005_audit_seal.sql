ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_seq_uq" ON "audit_log" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "audit_log_unsealed_idx" ON "audit_log" USING btree ("id") WHERE hash IS NULL;--> statement-breakpoint
-- Rows written before sealing became asynchronous were chained in id order: that order is their place.
DROP TRIGGER audit_log_no_update ON audit_log;
--> statement-breakpoint
UPDATE audit_log SET seq = id;
--> statement-breakpoint
-- Appends stay append-only. The one update allowed is sealing: setting seq, prev_hash and hash on a row that has
-- none, with every other column unchanged. A sealed row never changes; nothing is ever deleted.
CREATE OR REPLACE FUNCTION audit_log_seal_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND OLD.seq IS NULL AND NEW.hash IS NOT NULL AND NEW.seq IS NOT NULL
     AND NEW.prev_hash IS NOT NULL
     AND NEW.id = OLD.id AND NEW.at = OLD.at
     AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.actor_name IS NOT DISTINCT FROM OLD.actor_name
     AND NEW.action = OLD.action AND NEW.entity = OLD.entity
     AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id AND NEW.org_path IS NOT DISTINCT FROM OLD.org_path
     AND NEW.before::text IS NOT DISTINCT FROM OLD.before::text AND NEW.after::text IS NOT DISTINCT FROM OLD.after::text
     AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id AND NEW.ip IS NOT DISTINCT FROM OLD.ip THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_seal_only();
