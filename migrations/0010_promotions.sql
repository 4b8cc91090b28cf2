CREATE TABLE `promotions` (
	`tenant_id` text NOT NULL,
	`promotion_id` text COLLATE NOCASE NOT NULL,
	`sku` text COLLATE NOCASE NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`discount_pct` real,
	`name` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `promotion_id`, `sku`),
	CONSTRAINT "promotions_dates" CHECK("promotions"."end_date" >= "promotions"."start_date")
);
--> statement-breakpoint
CREATE INDEX `promotions_sku` ON `promotions` (`tenant_id`,`sku`,`end_date`);