DROP INDEX "enrollments_due_idx";--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "first_due_at" timestamp with time zone;