CREATE TABLE "budget_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"version" integer NOT NULL,
	"source" text NOT NULL,
	"purpose" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"purpose" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"date" text NOT NULL,
	"counterparty" text,
	"receipt_file_id" integer,
	"note" text,
	"reverses_entry_id" integer,
	"reason" text,
	"fee_enrolment_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_amount_positive" CHECK ("ledger_entries"."amount_fen" > 0),
	CONSTRAINT "ledger_entries_kind" CHECK ("ledger_entries"."kind" in ('income', 'expense'))
);
--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_receipt_file_id_files_id_fk" FOREIGN KEY ("receipt_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_reverses_entry_id_ledger_entries_id_fk" FOREIGN KEY ("reverses_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_fee_enrolment_id_enrolments_id_fk" FOREIGN KEY ("fee_enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_lines_class_idx" ON "budget_lines" USING btree ("class_id","version");--> statement-breakpoint
CREATE INDEX "ledger_entries_class_idx" ON "ledger_entries" USING btree ("class_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_reverses_uq" ON "ledger_entries" USING btree ("reverses_entry_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_fee_idx" ON "ledger_entries" USING btree ("fee_enrolment_id");--> statement-breakpoint
-- The ledger and the budget versions are evidence of money: rows are appended, never changed or removed
-- (evidence_append_only() is defined in 0007). A mistake is reversed by a new entry with a reason.
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER budget_lines_append_only BEFORE UPDATE OR DELETE ON budget_lines
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER budget_lines_no_truncate BEFORE TRUNCATE ON budget_lines
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
