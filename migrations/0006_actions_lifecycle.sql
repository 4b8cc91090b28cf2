CREATE TABLE `action_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`action_id` text NOT NULL,
	`author` text NOT NULL,
	`text` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `action_notes_action` ON `action_notes` (`tenant_id`,`action_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `price_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`sku` text NOT NULL,
	`lot_id` text,
	`warehouse` text,
	`old_price` real NOT NULL,
	`new_price` real NOT NULL,
	`discount_pct` real NOT NULL,
	`valid_from` text NOT NULL,
	`valid_until` text,
	`action_id` text,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `price_changes_sku` ON `price_changes` (`tenant_id`,`sku`,`valid_from`);--> statement-breakpoint
CREATE UNIQUE INDEX `price_changes_action` ON `price_changes` (`tenant_id`,`action_id`);--> statement-breakpoint
ALTER TABLE `actions` ADD `source` text DEFAULT 'plan' NOT NULL;--> statement-breakpoint
ALTER TABLE `actions` ADD `stable_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `actions` ADD `warehouse` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `to_warehouse` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `customer_id` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `supplier` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `cases` real;--> statement-breakpoint
ALTER TABLE `actions` ADD `discount_pct` real;--> statement-breakpoint
ALTER TABLE `actions` ADD `order_by_date` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `confidence` text DEFAULT 'medium' NOT NULL;--> statement-breakpoint
ALTER TABLE `actions` ADD `valid_until` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `evidence` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `actions` ADD `decided_at` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `decision_note` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `executed_at` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `outcome` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `actions_sku` ON `actions` (`tenant_id`,`sku`);--> statement-breakpoint
CREATE UNIQUE INDEX `actions_open_key` ON `actions` (`tenant_id`,`stable_key`) WHERE "actions"."state" IN ('proposed', 'approved') AND "actions"."source" = 'plan';