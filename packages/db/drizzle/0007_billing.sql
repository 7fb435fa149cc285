CREATE TABLE `billing_accounts` (
	`business_id` text PRIMARY KEY NOT NULL,
	`plan` text DEFAULT 'trial' NOT NULL,
	`status` text DEFAULT 'trialing' NOT NULL,
	`polar_customer_id` text,
	`polar_subscription_id` text,
	`polar_product_id` text,
	`period_start` integer,
	`period_end` integer,
	`cancel_at_period_end` integer DEFAULT false NOT NULL,
	`subscription_version_at` integer,
	`overage_behaviour` text DEFAULT 'take_message' NOT NULL,
	`warned_80_period_start` integer,
	`warned_100_period_start` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `call_usage` (
	`call_id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`billable_seconds` integer NOT NULL,
	`metered` integer DEFAULT true NOT NULL,
	`metered_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `call_usage_business_started_idx` ON `call_usage` (`business_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `call_usage_unmetered_idx` ON `call_usage` (`business_id`,`metered`,`metered_at`);--> statement-breakpoint
CREATE TABLE `polar_webhook_receipts` (
	`webhook_id` text PRIMARY KEY NOT NULL,
	`event_type` text NOT NULL,
	`received_at` integer NOT NULL
);
