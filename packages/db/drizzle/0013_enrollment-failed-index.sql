DROP INDEX "enrollments_campaign_status_idx";--> statement-breakpoint
CREATE INDEX "enrollments_campaign_failed_idx" ON "enrollments" USING btree ("campaign_id") WHERE status = 'failed';