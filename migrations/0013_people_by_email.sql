ALTER TABLE `actions` ADD `proposed_by_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `created_by_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `movements` ADD `created_by_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `price_changes` ADD `created_by_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `actions` SET `proposed_by_id` = `proposed_by` WHERE `proposed_by_id` = '';--> statement-breakpoint
UPDATE `actions` SET `proposed_by` = `users`.`email` FROM `users` WHERE `users`.`tenant_id` = `actions`.`tenant_id` AND `users`.`id` = `actions`.`proposed_by_id`;--> statement-breakpoint
UPDATE `actions` SET `proposed_by` = 'model:' || `users`.`email` FROM `users` WHERE `users`.`tenant_id` = `actions`.`tenant_id` AND 'model:' || `users`.`id` = `actions`.`proposed_by_id`;--> statement-breakpoint
UPDATE `movements` SET `created_by_id` = `created_by` WHERE `created_by_id` = '' AND (`created_by` LIKE 'oidc:%' OR `created_by` IN (SELECT `users`.`id` FROM `users` WHERE `users`.`tenant_id` = `movements`.`tenant_id`));--> statement-breakpoint
UPDATE `movements` SET `created_by` = `users`.`email` FROM `users` WHERE `users`.`tenant_id` = `movements`.`tenant_id` AND `users`.`id` = `movements`.`created_by_id`;--> statement-breakpoint
UPDATE `imports` SET `created_by_id` = `created_by` WHERE `created_by_id` = '' AND (`created_by` LIKE 'oidc:%' OR `created_by` IN (SELECT `users`.`id` FROM `users` WHERE `users`.`tenant_id` = `imports`.`tenant_id`));--> statement-breakpoint
UPDATE `imports` SET `created_by` = `users`.`email` FROM `users` WHERE `users`.`tenant_id` = `imports`.`tenant_id` AND `users`.`id` = `imports`.`created_by_id`;--> statement-breakpoint
UPDATE `price_changes` SET `created_by_id` = `created_by` WHERE `created_by_id` = '' AND (`created_by` LIKE 'oidc:%' OR `created_by` IN (SELECT `users`.`id` FROM `users` WHERE `users`.`tenant_id` = `price_changes`.`tenant_id`));--> statement-breakpoint
UPDATE `price_changes` SET `created_by` = `users`.`email` FROM `users` WHERE `users`.`tenant_id` = `price_changes`.`tenant_id` AND `users`.`id` = `price_changes`.`created_by_id`;
