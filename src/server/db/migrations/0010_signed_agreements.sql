ALTER TABLE "agreement_signatures" ADD COLUMN "body" text;--> statement-breakpoint
ALTER TABLE "agreement_signatures" ADD COLUMN "phone_verified_at" timestamp with time zone;