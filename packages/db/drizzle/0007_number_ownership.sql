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
ALTER TABLE `phone_numbers` ADD `ownership_proof` text;