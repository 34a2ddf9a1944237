CREATE TABLE "satisfaction_answers" (
	"id" serial PRIMARY KEY NOT NULL,
	"invitation_id" integer NOT NULL,
	"class_id" integer NOT NULL,
	"enrolment_id" integer NOT NULL,
	"round" text NOT NULL,
	"overall" integer NOT NULL,
	"safety" integer NOT NULL,
	"care" integer NOT NULL,
	"activities" integer NOT NULL,
	"meals" integer,
	"communication" integer NOT NULL,
	"happy" integer NOT NULL,
	"comment" text,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "satisfaction_answers_scores_ck" CHECK ("satisfaction_answers"."overall" BETWEEN 1 AND 5 AND "satisfaction_answers"."safety" BETWEEN 1 AND 5 AND "satisfaction_answers"."care" BETWEEN 1 AND 5
        AND "satisfaction_answers"."activities" BETWEEN 1 AND 5 AND "satisfaction_answers"."communication" BETWEEN 1 AND 5
        AND ("satisfaction_answers"."meals" IS NULL OR "satisfaction_answers"."meals" BETWEEN 1 AND 5) AND "satisfaction_answers"."happy" BETWEEN 0 AND 2)
);
--> statement-breakpoint
CREATE TABLE "satisfaction_invitations" (
	"id" serial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"enrolment_id" integer NOT NULL,
	"family_id" integer NOT NULL,
	"round" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "satisfaction_invitations_round_ck" CHECK ("satisfaction_invitations"."round" IN ('final', 'mid'))
);
--> statement-breakpoint
CREATE TABLE "satisfaction_settings" (
	"class_id" integer PRIMARY KEY NOT NULL,
	"mid_point" boolean DEFAULT false NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "satisfaction_answers" ADD CONSTRAINT "satisfaction_answers_invitation_id_satisfaction_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."satisfaction_invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_answers" ADD CONSTRAINT "satisfaction_answers_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_answers" ADD CONSTRAINT "satisfaction_answers_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_invitations" ADD CONSTRAINT "satisfaction_invitations_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_invitations" ADD CONSTRAINT "satisfaction_invitations_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_invitations" ADD CONSTRAINT "satisfaction_invitations_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_settings" ADD CONSTRAINT "satisfaction_settings_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_settings" ADD CONSTRAINT "satisfaction_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "satisfaction_answers_invitation_uq" ON "satisfaction_answers" USING btree ("invitation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "satisfaction_answers_enrolment_uq" ON "satisfaction_answers" USING btree ("enrolment_id","round");--> statement-breakpoint
CREATE INDEX "satisfaction_answers_class_idx" ON "satisfaction_answers" USING btree ("class_id","round");--> statement-breakpoint
CREATE UNIQUE INDEX "satisfaction_invitations_uq" ON "satisfaction_invitations" USING btree ("enrolment_id","round");--> statement-breakpoint
CREATE INDEX "satisfaction_invitations_class_idx" ON "satisfaction_invitations" USING btree ("class_id","round");--> statement-breakpoint
CREATE INDEX "satisfaction_invitations_family_idx" ON "satisfaction_invitations" USING btree ("family_id");