CREATE TABLE `business_twilio_accounts` (
	`business_id` text PRIMARY KEY NOT NULL,
	`account_sid` text NOT NULL,
	`username` text NOT NULL,
	`secret_sealed` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `caller_verification_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`business_id` text NOT NULL,
	`call_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`phone` text NOT NULL,
	`code_hash` text,
	`expires_at` integer NOT NULL,
	`verified_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`business_id`) REFERENCES `businesses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`business_id`,`call_id`) REFERENCES `calls`(`business_id`,`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `caller_verification_codes_call_idx` ON `caller_verification_codes` (`call_id`);--> statement-breakpoint
ALTER TABLE `phone_numbers` ADD `ownership_proof` text;