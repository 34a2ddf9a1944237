CREATE TABLE "care_classes" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"mode" text NOT NULL,
	"management" text NOT NULL,
	"start_date" text,
	"end_date" text,
	"closed_dates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"daily_start" text,
	"daily_end" text,
	"capacity" integer,
	"grades_offered" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fee_amount" integer DEFAULT 0 NOT NULL,
	"fee_note" text,
	"meals" text DEFAULT 'none' NOT NULL,
	"venue_id" integer,
	"caterer_id" integer,
	"partner_id" integer,
	"provider_id" integer,
	"activity_plan" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"public_description" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"failing_rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"verdict_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "class_staff" (
	"id" serial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"user_id" integer,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"phone" text,
	"qualification" text,
	"health_cert_date" text,
	"background_checked" boolean DEFAULT false NOT NULL,
	"background_check_date" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "class_transitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"actor_id" integer,
	"actor_name" text,
	"comment" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "class_units" (
	"class_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"is_owner" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "counterparties" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"credit_code" text,
	"contact_name" text,
	"contact_phone" text,
	"licence_no" text,
	"licence_expiry" text,
	"agreement_start" text,
	"agreement_end" text,
	"partner_type" text,
	"review_result" text,
	"review_note" text,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_verdicts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"campaign_id" integer NOT NULL,
	"results" jsonb NOT NULL,
	"failing" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"as_of" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"trigger" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "venues" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"division_code" text,
	"address" text NOT NULL,
	"location" text NOT NULL,
	"floor" text,
	"building_use" text NOT NULL,
	"area_m2" integer,
	"capacity" integer,
	"checklist" jsonb NOT NULL,
	"checklist_confirmed_by" integer,
	"checklist_confirmed_at" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_classes" ADD CONSTRAINT "care_classes_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_classes" ADD CONSTRAINT "care_classes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_classes" ADD CONSTRAINT "care_classes_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_classes" ADD CONSTRAINT "care_classes_caterer_id_counterparties_id_fk" FOREIGN KEY ("caterer_id") REFERENCES "public"."counterparties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_classes" ADD CONSTRAINT "care_classes_partner_id_counterparties_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."counterparties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_classes" ADD CONSTRAINT "care_classes_provider_id_counterparties_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."counterparties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_staff" ADD CONSTRAINT "class_staff_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_staff" ADD CONSTRAINT "class_staff_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_transitions" ADD CONSTRAINT "class_transitions_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_units" ADD CONSTRAINT "class_units_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_units" ADD CONSTRAINT "class_units_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counterparties" ADD CONSTRAINT "counterparties_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_verdicts" ADD CONSTRAINT "rule_verdicts_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_classes_org_idx" ON "care_classes" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "care_classes_campaign_idx" ON "care_classes" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE INDEX "class_staff_class_idx" ON "class_staff" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "class_transitions_class_idx" ON "class_transitions" USING btree ("class_id");--> statement-breakpoint
CREATE UNIQUE INDEX "class_units_pk" ON "class_units" USING btree ("class_id","org_id");--> statement-breakpoint
CREATE INDEX "class_units_org_idx" ON "class_units" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "counterparties_org_idx" ON "counterparties" USING btree ("org_id","kind");--> statement-breakpoint
CREATE INDEX "files_owner_idx" ON "files" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "rule_verdicts_class_idx" ON "rule_verdicts" USING btree ("class_id","computed_at");--> statement-breakpoint
CREATE INDEX "venues_org_idx" ON "venues" USING btree ("org_id");