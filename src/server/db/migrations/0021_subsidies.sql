CREATE TABLE "subsidy_list_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"list_id" integer NOT NULL,
	"class_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"amount_fen" integer NOT NULL,
	"computation" jsonb NOT NULL,
	CONSTRAINT "subsidy_list_items_amount_nonneg" CHECK ("subsidy_list_items"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "subsidy_lists" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"version" integer NOT NULL,
	"policy_id" integer NOT NULL,
	"as_of" text NOT NULL,
	"total_fen" integer NOT NULL,
	"approved_by" integer,
	"approved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_lists_total_nonneg" CHECK ("subsidy_lists"."total_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "subsidy_payments" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"list_id" integer NOT NULL,
	"class_id" integer NOT NULL,
	"amount_fen" integer NOT NULL,
	"date" text NOT NULL,
	"note" text,
	"ledger_entry_id" integer,
	"reverses_payment_id" integer,
	"reason" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subsidy_payments_amount_positive" CHECK ("subsidy_payments"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "subsidy_policies" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subsidy_list_items" ADD CONSTRAINT "subsidy_list_items_list_id_subsidy_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."subsidy_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_list_items" ADD CONSTRAINT "subsidy_list_items_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_list_items" ADD CONSTRAINT "subsidy_list_items_unit_id_organizations_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_lists" ADD CONSTRAINT "subsidy_lists_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_lists" ADD CONSTRAINT "subsidy_lists_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_lists" ADD CONSTRAINT "subsidy_lists_policy_id_subsidy_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."subsidy_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_lists" ADD CONSTRAINT "subsidy_lists_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_payments" ADD CONSTRAINT "subsidy_payments_item_id_subsidy_list_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."subsidy_list_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_payments" ADD CONSTRAINT "subsidy_payments_list_id_subsidy_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."subsidy_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_payments" ADD CONSTRAINT "subsidy_payments_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_payments" ADD CONSTRAINT "subsidy_payments_ledger_entry_id_ledger_entries_id_fk" FOREIGN KEY ("ledger_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_payments" ADD CONSTRAINT "subsidy_payments_reverses_payment_id_subsidy_payments_id_fk" FOREIGN KEY ("reverses_payment_id") REFERENCES "public"."subsidy_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_payments" ADD CONSTRAINT "subsidy_payments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_policies" ADD CONSTRAINT "subsidy_policies_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_policies" ADD CONSTRAINT "subsidy_policies_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_policies" ADD CONSTRAINT "subsidy_policies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_list_items_class_uq" ON "subsidy_list_items" USING btree ("list_id","class_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_lists_version_uq" ON "subsidy_lists" USING btree ("campaign_id","org_id","version");--> statement-breakpoint
CREATE INDEX "subsidy_payments_list_idx" ON "subsidy_payments" USING btree ("list_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_payments_reverses_uq" ON "subsidy_payments" USING btree ("reverses_payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_policies_version_uq" ON "subsidy_policies" USING btree ("campaign_id","org_id","version");