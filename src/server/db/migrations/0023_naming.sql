CREATE TABLE "demonstration_namings" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"notice_id" integer,
	"class_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"class_name" text NOT NULL,
	"unit_name" text NOT NULL,
	"district_name" text NOT NULL,
	"decision_no" text NOT NULL,
	"decision_date" text NOT NULL,
	"verify_code" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demonstration_revocations" (
	"id" serial PRIMARY KEY NOT NULL,
	"naming_id" integer NOT NULL,
	"reason" text NOT NULL,
	"decision_no" text,
	"revoked_on" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"notice_id" integer NOT NULL,
	"class_id" integer NOT NULL,
	"rank" integer NOT NULL,
	"score_centi" integer,
	"class_name" text NOT NULL,
	"unit_name" text NOT NULL,
	"district_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"title" text NOT NULL,
	"starts_on" text NOT NULL,
	"ends_on" text NOT NULL,
	"workdays" integer NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_objection_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"objection_id" integer NOT NULL,
	"outcome" text NOT NULL,
	"content" text NOT NULL,
	"responded_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_objections" (
	"id" serial PRIMARY KEY NOT NULL,
	"notice_id" integer NOT NULL,
	"entry_id" integer,
	"phone_hash" text NOT NULL,
	"phone_sealed" text NOT NULL,
	"phone_masked" text NOT NULL,
	"content" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "demonstration_namings" ADD CONSTRAINT "demonstration_namings_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_namings" ADD CONSTRAINT "demonstration_namings_notice_id_publicity_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."publicity_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_namings" ADD CONSTRAINT "demonstration_namings_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_namings" ADD CONSTRAINT "demonstration_namings_unit_id_organizations_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_namings" ADD CONSTRAINT "demonstration_namings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_revocations" ADD CONSTRAINT "demonstration_revocations_naming_id_demonstration_namings_id_fk" FOREIGN KEY ("naming_id") REFERENCES "public"."demonstration_namings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_revocations" ADD CONSTRAINT "demonstration_revocations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_entries" ADD CONSTRAINT "publicity_entries_notice_id_publicity_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."publicity_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_entries" ADD CONSTRAINT "publicity_entries_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_notices" ADD CONSTRAINT "publicity_notices_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_notices" ADD CONSTRAINT "publicity_notices_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_notices" ADD CONSTRAINT "publicity_notices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objection_responses" ADD CONSTRAINT "publicity_objection_responses_objection_id_publicity_objections_id_fk" FOREIGN KEY ("objection_id") REFERENCES "public"."publicity_objections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objection_responses" ADD CONSTRAINT "publicity_objection_responses_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_notice_id_publicity_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."publicity_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_entry_id_publicity_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."publicity_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "demonstration_namings_class_uq" ON "demonstration_namings" USING btree ("campaign_id","class_id");--> statement-breakpoint
CREATE UNIQUE INDEX "demonstration_namings_code_uq" ON "demonstration_namings" USING btree ("verify_code");--> statement-breakpoint
CREATE INDEX "demonstration_namings_unit_idx" ON "demonstration_namings" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "demonstration_revocations_naming_uq" ON "demonstration_revocations" USING btree ("naming_id");--> statement-breakpoint
CREATE UNIQUE INDEX "publicity_entries_notice_class_uq" ON "publicity_entries" USING btree ("notice_id","class_id");--> statement-breakpoint
CREATE INDEX "publicity_notices_campaign_idx" ON "publicity_notices" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "publicity_objection_responses_objection_idx" ON "publicity_objection_responses" USING btree ("objection_id");--> statement-breakpoint
CREATE INDEX "publicity_objections_notice_idx" ON "publicity_objections" USING btree ("notice_id");