ALTER TABLE `actions` ADD `reason_ko` text;--> statement-breakpoint
ALTER TABLE `alerts` ADD `message_ko` text;