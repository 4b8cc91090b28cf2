ALTER TABLE `movements` ADD `shipment_id` text COLLATE NOCASE;--> statement-breakpoint
-- Receipts written before the link existed were known by their reference naming a shipment line of
-- their SKU with units received (what a reversal went by until now): they keep that link.
UPDATE `movements` SET `shipment_id` = `reference`
WHERE `type` = 'IN' AND `reference` <> '' AND EXISTS (
  SELECT 1 FROM `inbound_shipments` ib
  WHERE ib.`tenant_id` = `movements`.`tenant_id` AND ib.`shipment_id` = `movements`.`reference` AND ib.`sku` = `movements`.`sku` AND ib.`quantity_received` > 0
);
