ALTER TABLE "staff_door_events" ADD COLUMN "client_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "staff_door_events_client_uq" ON "staff_door_events" USING btree ("client_id");