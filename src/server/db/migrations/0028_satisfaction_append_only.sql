-- Satisfaction invitations and answers are evidence: rows are appended, never changed or removed
-- (evidence_append_only() is defined in 0007). One answer per enrolment and round; a family cannot change it.
CREATE TRIGGER satisfaction_invitations_append_only BEFORE UPDATE OR DELETE ON satisfaction_invitations
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER satisfaction_invitations_no_truncate BEFORE TRUNCATE ON satisfaction_invitations
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER satisfaction_answers_append_only BEFORE UPDATE OR DELETE ON satisfaction_answers
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER satisfaction_answers_no_truncate BEFORE TRUNCATE ON satisfaction_answers
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
