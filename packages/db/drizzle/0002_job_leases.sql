ALTER TABLE `jobs` ADD `locked_by` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `lease_until` integer;--> statement-breakpoint
ALTER TABLE `jobs` ADD `dead_reason` text;--> statement-breakpoint
CREATE INDEX `jobs_lease_idx` ON `jobs` (`lease_until`) WHERE "jobs"."status" = 'running';