CREATE INDEX `appointments_business_created_idx` ON `appointments` (`business_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `appointments_created_by_call_idx` ON `appointments` (`created_by_call_id`);--> statement-breakpoint
CREATE INDEX `call_turns_business_latency_idx` ON `call_turns` (`business_id`,`created_at`,`latency_ms`) WHERE "call_turns"."latency_ms" is not null;--> statement-breakpoint
CREATE INDEX `calls_business_outcome_started_idx` ON `calls` (`business_id`,`outcome`,`started_at`);--> statement-breakpoint
CREATE INDEX `messages_call_idx` ON `messages` (`call_id`);