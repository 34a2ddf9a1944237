CREATE TABLE "agreement_signatures" (
	"id" serial PRIMARY KEY NOT NULL,
	"enrolment_id" integer NOT NULL,
	"agreement_text_id" integer NOT NULL,
	"signer_user_id" integer NOT NULL,
	"typed_name" text NOT NULL,
	"text_sha256" text NOT NULL,
	"ip" text,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_texts" (
	"id" serial PRIMARY KEY NOT NULL,
	"org_id" integer NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"sha256" text NOT NULL,
	"published_by" integer,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "children" (
	"id" serial PRIMARY KEY NOT NULL,
	"family_id" integer NOT NULL,
	"name" text NOT NULL,
	"gender" text,
	"birth_date" text NOT NULL,
	"school" text,
	"grade" text NOT NULL,
	"self_care" boolean,
	"allergies" text,
	"health_notes" text,
	"id_number_enc" text,
	"id_number_masked" text,
	"id_number_hash" text,
	"emergency_contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"photo_file_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "class_enrolment" (
	"class_id" integer PRIMARY KEY NOT NULL,
	"allocation" text DEFAULT 'fcfs' NOT NULL,
	"window_opens_at" timestamp with time zone,
	"window_closes_at" timestamp with time zone,
	"open_to_all" boolean DEFAULT false NOT NULL,
	"places_taken" integer DEFAULT 0 NOT NULL,
	"kindergarten_taken" integer DEFAULT 0 NOT NULL,
	"lottery_seed_hash" text,
	"lottery_seed" text,
	"lottery_drawn_at" timestamp with time zone,
	"offer_hours" integer DEFAULT 48 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" serial PRIMARY KEY NOT NULL,
	"family_id" integer NOT NULL,
	"child_id" integer,
	"kind" text NOT NULL,
	"notice_version" text NOT NULL,
	"granted_by" integer NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"id" serial PRIMARY KEY NOT NULL,
	"class_id" integer NOT NULL,
	"child_id" integer NOT NULL,
	"family_id" integer NOT NULL,
	"applied_by" integer NOT NULL,
	"status" text NOT NULL,
	"priority_group" integer DEFAULT 99 NOT NULL,
	"lottery_rank" integer,
	"waitlist_seq" bigserial NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	"offered_at" timestamp with time zone,
	"offer_expires_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"reason" text,
	"fee_status" text DEFAULT 'none' NOT NULL,
	"fee_receipt" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "families" (
	"id" serial PRIMARY KEY NOT NULL,
	"invite_code_hash" text,
	"invite_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guardians" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"family_id" integer NOT NULL,
	"employer_org_id" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"verified_by" integer,
	"verified_at" timestamp with time zone,
	"priority_flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insurance_proofs" (
	"id" serial PRIMARY KEY NOT NULL,
	"enrolment_id" integer NOT NULL,
	"insurer" text NOT NULL,
	"policy_no" text NOT NULL,
	"period_start" text NOT NULL,
	"period_end" text NOT NULL,
	"file_id" integer,
	"uploaded_by" integer NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"review_note" text
);
--> statement-breakpoint
CREATE TABLE "phone_codes" (
	"id" serial PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"code_hash" text NOT NULL,
	"purpose" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pickup_adults" (
	"id" serial PRIMARY KEY NOT NULL,
	"child_id" integer NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"phone" text,
	"photo_file_id" integer,
	"allowed" boolean NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_agreement_text_id_agreement_texts_id_fk" FOREIGN KEY ("agreement_text_id") REFERENCES "public"."agreement_texts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_texts" ADD CONSTRAINT "agreement_texts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "children" ADD CONSTRAINT "children_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_enrolment" ADD CONSTRAINT "class_enrolment_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_class_id_care_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."care_classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardians" ADD CONSTRAINT "guardians_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardians" ADD CONSTRAINT "guardians_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardians" ADD CONSTRAINT "guardians_employer_org_id_organizations_id_fk" FOREIGN KEY ("employer_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_proofs" ADD CONSTRAINT "insurance_proofs_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pickup_adults" ADD CONSTRAINT "pickup_adults_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_signatures_enrolment_idx" ON "agreement_signatures" USING btree ("enrolment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_texts_uq" ON "agreement_texts" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "children_family_idx" ON "children" USING btree ("family_id");--> statement-breakpoint
CREATE UNIQUE INDEX "children_id_hash_uq" ON "children" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "consents_family_idx" ON "consents" USING btree ("family_id","kind");--> statement-breakpoint
CREATE INDEX "enrolments_class_idx" ON "enrolments" USING btree ("class_id","status");--> statement-breakpoint
CREATE INDEX "enrolments_child_idx" ON "enrolments" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_live_uq" ON "enrolments" USING btree ("class_id","child_id") WHERE status IN ('applied', 'offered', 'accepted', 'waitlisted');--> statement-breakpoint
CREATE INDEX "guardians_family_idx" ON "guardians" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "guardians_employer_idx" ON "guardians" USING btree ("employer_org_id","status");--> statement-breakpoint
CREATE INDEX "insurance_proofs_enrolment_idx" ON "insurance_proofs" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "phone_codes_phone_idx" ON "phone_codes" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "pickup_adults_child_idx" ON "pickup_adults" USING btree ("child_id");