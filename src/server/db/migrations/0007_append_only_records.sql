-- Records that are evidence, like the audit log, may only be appended to: attendance events (check-ins, check-outs,
-- refusals, absences, corrections), daily management records (a correction is a new row that supersedes) and
-- incident addenda. The current state lives elsewhere (attendance_days, incidents) and may change.
CREATE OR REPLACE FUNCTION evidence_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER attendance_events_append_only BEFORE UPDATE OR DELETE ON attendance_events
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER attendance_events_no_truncate BEFORE TRUNCATE ON attendance_events
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER daily_records_append_only BEFORE UPDATE OR DELETE ON daily_records
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER daily_records_no_truncate BEFORE TRUNCATE ON daily_records
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER incident_addenda_append_only BEFORE UPDATE OR DELETE ON incident_addenda
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER incident_addenda_no_truncate BEFORE TRUNCATE ON incident_addenda
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
