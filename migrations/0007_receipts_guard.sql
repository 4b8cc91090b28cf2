-- hand-written: a line whose quantity an import once lowered below what was received keeps the ledger's count.
UPDATE `inbound_shipments` SET `quantity` = `quantity_received` WHERE `quantity_received` > `quantity`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_inbound_shipments` (
	`tenant_id` text NOT NULL,
	`shipment_id` text COLLATE NOCASE NOT NULL,
	`sku` text COLLATE NOCASE NOT NULL,
	`quantity` integer NOT NULL,
	`quantity_received` integer DEFAULT 0 NOT NULL,
	`eta_date` text NOT NULL,
	`origin` text DEFAULT '' NOT NULL,
	`warehouse` text COLLATE NOCASE,
	`status` text DEFAULT 'planned' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`tenant_id`, `shipment_id`, `sku`),
	CONSTRAINT "inbound_received_within_quantity" CHECK("__new_inbound_shipments"."quantity_received" <= "__new_inbound_shipments"."quantity")
);
--> statement-breakpoint
INSERT INTO `__new_inbound_shipments`("tenant_id", "shipment_id", "sku", "quantity", "quantity_received", "eta_date", "origin", "warehouse", "status", "created_at", "updated_at") SELECT "tenant_id", "shipment_id", "sku", "quantity", "quantity_received", "eta_date", "origin", "warehouse", "status", "created_at", "updated_at" FROM `inbound_shipments`;--> statement-breakpoint
DROP TABLE `inbound_shipments`;--> statement-breakpoint
ALTER TABLE `__new_inbound_shipments` RENAME TO `inbound_shipments`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `inbound_eta` ON `inbound_shipments` (`tenant_id`,`sku`,`eta_date`);