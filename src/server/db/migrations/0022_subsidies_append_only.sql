-- Subsidy disbursement lists (拨付清单), their items and payments are evidence: rows are appended, never changed or
-- removed (evidence_append_only() is defined in 0007). A payment is corrected by its reversal; a list by a later
-- approved version.
CREATE TRIGGER subsidy_lists_append_only BEFORE UPDATE OR DELETE ON subsidy_lists
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER subsidy_lists_no_truncate BEFORE TRUNCATE ON subsidy_lists
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER subsidy_list_items_append_only BEFORE UPDATE OR DELETE ON subsidy_list_items
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER subsidy_list_items_no_truncate BEFORE TRUNCATE ON subsidy_list_items
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER subsidy_payments_append_only BEFORE UPDATE OR DELETE ON subsidy_payments
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER subsidy_payments_no_truncate BEFORE TRUNCATE ON subsidy_payments
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER subsidy_policies_append_only BEFORE UPDATE OR DELETE ON subsidy_policies
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
