PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`sku` text NOT NULL,
	`lot_id` text,
	`quantity` integer NOT NULL,
	`value` real DEFAULT 0 NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`reason_ko` text,
	`state` text DEFAULT 'proposed' NOT NULL,
	`proposed_by` text NOT NULL,
	`proposed_by_id` text DEFAULT '' NOT NULL,
	`decided_by` text,
	`source` text DEFAULT 'plan' NOT NULL,
	`stable_key` text DEFAULT '' NOT NULL,
	`warehouse` text,
	`to_warehouse` text,
	`customer_id` text,
	`supplier` text,
	`cases` real,
	`discount_pct` real,
	`order_by_date` text,
	`confidence` text DEFAULT 'medium',
	`valid_until` text,
	`evidence` text DEFAULT '{}' NOT NULL,
	`decided_at` text,
	`decision_note` text,
	`executed_at` text,
	`outcome` text,
	`version` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_actions`("id", "tenant_id", "kind", "sku", "lot_id", "quantity", "value", "reason", "reason_ko", "state", "proposed_by", "proposed_by_id", "decided_by", "source", "stable_key", "warehouse", "to_warehouse", "customer_id", "supplier", "cases", "discount_pct", "order_by_date", "confidence", "valid_until", "evidence", "decided_at", "decision_note", "executed_at", "outcome", "version", "created_at", "updated_at") SELECT "id", "tenant_id", "kind", "sku", "lot_id", "quantity", "value", "reason", "reason_ko", "state", "proposed_by", "proposed_by_id", "decided_by", "source", "stable_key", "warehouse", "to_warehouse", "customer_id", "supplier", "cases", "discount_pct", "order_by_date", "confidence", "valid_until", "evidence", "decided_at", "decision_note", "executed_at", "outcome", "version", "created_at", "updated_at" FROM `actions`;--> statement-breakpoint
DROP TABLE `actions`;--> statement-breakpoint
ALTER TABLE `__new_actions` RENAME TO `actions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `actions_state` ON `actions` (`tenant_id`,`state`,`created_at`);--> statement-breakpoint
CREATE INDEX `actions_sku` ON `actions` (`tenant_id`,`sku`);--> statement-breakpoint
CREATE INDEX `actions_value` ON `actions` (`tenant_id`,`state`,`value`);--> statement-breakpoint
CREATE INDEX `actions_decided` ON `actions` (`tenant_id`,`decided_at`);--> statement-breakpoint
CREATE INDEX `actions_executed` ON `actions` (`tenant_id`,`executed_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `actions_open_key` ON `actions` (`tenant_id`,`stable_key`) WHERE "actions"."state" IN ('proposed', 'approved') AND "actions"."source" = 'plan';--> statement-breakpoint
-- A person's proposal has no computed confidence: the level they were made to pick is not one.
UPDATE `actions` SET `confidence` = NULL WHERE `source` = 'manual' AND `proposed_by` NOT LIKE 'model:%';
