CREATE TABLE "selection_applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"class_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"report_id" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"practices" text DEFAULT '' NOT NULL,
	"outcomes" text DEFAULT '' NOT NULL,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"video_links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "selection_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"panel_id" integer NOT NULL,
	"application_id" integer NOT NULL,
	"reviewer_id" integer NOT NULL,
	"assigned_by" integer,
	"assigned_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "selection_panels" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"name" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "selection_recommendations" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"recommended" boolean NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "selection_recusals" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"reviewer_id" integer NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "selection_scores" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"reviewer_id" integer NOT NULL,
	"criterion" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "selection_settings" (
	"campaign_id" integer PRIMARY KEY NOT NULL,
	"gate" jsonb NOT NULL,
	"rubric" jsonb NOT NULL,
	"default_quota" integer DEFAULT 2 NOT NULL,
	"quotas" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"blind" boolean DEFAULT false NOT NULL,
	"flag_range" integer DEFAULT 25 NOT NULL,
	"flag_std_dev" integer DEFAULT 12 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "selection_snapshots" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"dossier" jsonb NOT NULL,
	"taken_by" integer,
	"taken_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "selection_applications" ADD CONSTRAINT "selection_applications_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_applications" ADD CONSTRAINT "selection_applications_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_applications" ADD CONSTRAINT "selection_applications_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_applications" ADD CONSTRAINT "selection_applications_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_applications" ADD CONSTRAINT "selection_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_assignments" ADD CONSTRAINT "selection_assignments_panel_id_selection_panels_id_fk" FOREIGN KEY ("panel_id") REFERENCES "public"."selection_panels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_assignments" ADD CONSTRAINT "selection_assignments_application_id_selection_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."selection_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_assignments" ADD CONSTRAINT "selection_assignments_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_assignments" ADD CONSTRAINT "selection_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_panels" ADD CONSTRAINT "selection_panels_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_panels" ADD CONSTRAINT "selection_panels_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_recommendations" ADD CONSTRAINT "selection_recommendations_application_id_selection_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."selection_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_recommendations" ADD CONSTRAINT "selection_recommendations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_recommendations" ADD CONSTRAINT "selection_recommendations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_recusals" ADD CONSTRAINT "selection_recusals_application_id_selection_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."selection_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_recusals" ADD CONSTRAINT "selection_recusals_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_scores" ADD CONSTRAINT "selection_scores_application_id_selection_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."selection_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_scores" ADD CONSTRAINT "selection_scores_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_settings" ADD CONSTRAINT "selection_settings_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_settings" ADD CONSTRAINT "selection_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_snapshots" ADD CONSTRAINT "selection_snapshots_application_id_selection_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."selection_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_snapshots" ADD CONSTRAINT "selection_snapshots_taken_by_users_id_fk" FOREIGN KEY ("taken_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "selection_applications_class_uq" ON "selection_applications" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "selection_applications_campaign_idx" ON "selection_applications" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "selection_assignments_uq" ON "selection_assignments" USING btree ("application_id","reviewer_id");--> statement-breakpoint
CREATE INDEX "selection_assignments_reviewer_idx" ON "selection_assignments" USING btree ("reviewer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "selection_panels_name_uq" ON "selection_panels" USING btree ("campaign_id","name");--> statement-breakpoint
CREATE INDEX "selection_recommendations_app_idx" ON "selection_recommendations" USING btree ("application_id","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "selection_recusals_uq" ON "selection_recusals" USING btree ("application_id","reviewer_id");--> statement-breakpoint
CREATE INDEX "selection_scores_app_idx" ON "selection_scores" USING btree ("application_id","reviewer_id","criterion","at");--> statement-breakpoint
CREATE INDEX "selection_snapshots_app_idx" ON "selection_snapshots" USING btree ("application_id");