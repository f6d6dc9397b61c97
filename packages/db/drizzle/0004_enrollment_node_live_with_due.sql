DROP INDEX "enrollments_node_due_idx";--> statement-breakpoint
DROP INDEX "enrollments_node_live_idx";--> statement-breakpoint
CREATE INDEX "enrollments_node_live_idx" ON "enrollments" USING btree ("campaign_id","node_id","due_at") WHERE status in ('active', 'waiting');