// The importable entities: their template columns (the formats planners already use), the header
// aliases ERPs and spreadsheets write, which columns are required, and what each row refers to.
// Field order is the order of the template and of the staged row arrays.

export type FieldKind = 'key' | 'text' | 'whole' | 'positive' | 'number' | 'optionalNumber' | 'date' | 'enum';

export interface FieldDef {
  name: string;
  kind: FieldKind;
  required?: boolean;
  /** Header spellings that map to this field, compared after normalizeHeader(). */
  aliases: string[];
  example: string | number;
  values?: readonly string[];
  max?: number;
  /** Lower bound of a 'number' field (default 0). */
  min?: number;
  /** Stored when the column is absent or the cell blank (optional fields). */
  fallback?: string | number | null;
}

export const ENTITY_NAMES = [
  'products',
  'inventory_lots',
  'customers',
  'orders',
  'inbound_shipments',
  'receipts',
  'warehouses',
  'promotions',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export interface EntityDef {
  name: EntityName;
  fields: FieldDef[];
  /** Fields that identify a row; a second row with the same key in one file is an error. */
  key: string[];
  /** Fields whose values must exist in this tenant's catalog. */
  refs: { sku?: string; warehouse?: string; customer?: string };
  /** The D1 table; field names are its column names (receipts load through the ledger instead: commit-receipts.ts). */
  table: string;
  /** Rows absent from a replace-mode file are archived (they may be referenced). */
  archivable?: boolean;
  /**
   * The file changes stock on hand through the ledger (IN/ADJUST movements): importing it needs
   * the ledger's permission (movements:write) as well as imports:write, as posting a movement does.
   */
  writesLedger?: boolean;
}

const f = (name: string, kind: FieldKind, example: string | number, aliases: string[], extra: Partial<FieldDef> = {}): FieldDef => ({
  name,
  kind,
  example,
  aliases,
  ...extra,
});
const req = { required: true };

const sku = f(
  'sku',
  'key',
  'KR-NDL-001',
  [
    'item',
    'itemcode',
    'itemno',
    'itemnumber',
    'itemid',
    'productcode',
    'productid',
    'partnumber',
    'partno',
    'article',
    'articlenumber',
    'material',
    'skucode',
  ],
  req,
);
const warehouse = f('warehouse', 'key', 'NJ1', ['warehousecode', 'wh', 'whse', 'whs', 'location', 'site', 'dc', 'plant'], req);
const lotId = f(
  'lot_id',
  'key',
  'LT-261119-0523',
  ['lot', 'lotno', 'lotnumber', 'lotcode', 'batch', 'batchno', 'batchnumber', 'batchid', 'batchcode'],
  req,
);
const expirationDate = f(
  'expiration_date',
  'date',
  '2026-12-02',
  ['expdate', 'expiry', 'expirydate', 'expiration', 'expires', 'bestbefore', 'bbd', 'bestbeforedate', 'useby', 'usebydate', 'exp'],
  req,
);
const receivedDate = f(
  'received_date',
  'date',
  '2026-11-19',
  ['received', 'receiptdate', 'datereceived', 'recvdate', 'receivingdate', 'grndate', 'receivedon'],
  { fallback: 'today' },
);
const shipmentId = f(
  'shipment_id',
  'key',
  'INB-0001',
  ['shipment', 'shipmentno', 'shipmentnumber', 'po', 'pono', 'ponumber', 'purchaseorder', 'asn', 'asnno'],
  req,
);

export const ENTITIES: Record<EntityName, EntityDef> = {
  products: {
    name: 'products',
    table: 'products',
    archivable: true,
    key: ['sku'],
    refs: {},
    fields: [
      { ...sku, aliases: [...sku.aliases, 'product'] },
      f(
        'name',
        'text',
        'Spicy Beef Ramyeon 120g x5',
        ['productname', 'itemname', 'description', 'itemdescription', 'productdescription', 'desc', 'title'],
        req,
      ),
      f('category', 'text', 'Noodles', ['productcategory', 'itemcategory', 'group', 'itemgroup', 'productgroup', 'class', 'department'], {
        fallback: '',
      }),
      f('case_size', 'positive', 8, ['casesize', 'casepack', 'pack', 'packsize', 'unitspercase', 'caseqty', 'innerpack', 'qtypercase'], {
        fallback: 1,
        max: 1e6,
      }),
      f('shelf_life_days', 'positive', 180, ['shelflife', 'shelflifed', 'shelflifeindays', 'sl', 'sldays', 'lifedays'], {
        ...req,
        max: 36500,
      }),
      f('unit_cost', 'number', 4.1, ['cost', 'costprice', 'purchaseprice', 'stdcost', 'standardcost', 'unitcostusd', 'buyprice'], {
        fallback: 0,
      }),
      f('unit_price', 'number', 5.5, ['price', 'sellprice', 'sellingprice', 'listprice', 'salesprice', 'unitpriceusd', 'saleprice'], {
        fallback: 0,
      }),
      f('lead_time_days', 'number', 33, ['leadtime', 'lt', 'leaddays', 'leadtimed', 'leadtimeindays'], { max: 365, fallback: 7 }),
      f('moq', 'whole', 400, ['minorderqty', 'minimumorderquantity', 'minimumorderqty', 'minorder', 'minqty'], { fallback: 0 }),
      f('supplier', 'text', 'Daehan Noodle Co., Ltd.', ['vendor', 'suppliername', 'vendorname', 'manufacturer', 'brand'], { fallback: '' }),
      f('lead_time_sd_days', 'number', 3.2, ['leadtimesd', 'leadtimestddev', 'leadtimestandarddeviation', 'ltsd', 'leadtimesdd'], {
        max: 365,
        fallback: 0,
      }),
      f(
        'min_remaining_shelf_life_days',
        'whole',
        60,
        ['minremainingshelflife', 'mrsl', 'minshelflife', 'minshelflifedays', 'minremaininglife'],
        { max: 36500, fallback: 0 },
      ),
      f('safety_stock', 'optionalNumber', '', ['safetystock', 'ss', 'safetystockunits'], { fallback: null }),
      f('reorder_point', 'optionalNumber', '', ['reorderpoint', 'rop', 'reorderlevel'], { fallback: null }),
    ],
  },
  inventory_lots: {
    name: 'inventory_lots',
    table: 'lots',
    writesLedger: true,
    // As ERPs key lots: one lot number may exist on several SKUs and in several warehouses.
    key: ['lot_id', 'sku', 'warehouse'],
    refs: { sku: 'sku', warehouse: 'warehouse' },
    fields: [
      lotId,
      sku,
      warehouse,
      f(
        'quantity_on_hand',
        'whole',
        24,
        ['qtyonhand', 'onhand', 'qoh', 'onhandqty', 'quantity', 'qty', 'stock', 'units', 'onhandquantity'],
        req,
      ),
      receivedDate,
      expirationDate,
      f('unit_cost', 'number', 2.36, ['cost', 'costprice', 'lotcost', 'unitcostusd'], { fallback: 0 }),
      f('status', 'enum', 'available', ['lotstatus', 'stockstatus', 'qualitystatus'], {
        values: ['available', 'quarantine', 'hold'],
        fallback: 'available',
      }),
    ],
  },
  customers: {
    name: 'customers',
    table: 'customers',
    archivable: true,
    key: ['customer_id'],
    refs: {},
    fields: [
      f(
        'customer_id',
        'key',
        'CUST-0001',
        [
          'customer',
          'cust',
          'custid',
          'customerno',
          'customernumber',
          'customercode',
          'accountno',
          'accountnumber',
          'account',
          'soldto',
          'shipto',
        ],
        req,
      ),
      f('name', 'text', 'Tri-County Supermarkets', ['customername', 'accountname', 'company', 'companyname'], req),
      f('region', 'text', 'Northeast', ['area', 'territory', 'salesregion', 'zone'], { fallback: '' }),
      f('channel', 'text', 'grocery_chain', ['saleschannel', 'segment', 'customertype', 'type'], { fallback: '' }),
    ],
  },
  orders: {
    name: 'orders',
    table: 'order_lines',
    // A file without a line column numbers each order's rows 1, 2, … in file order (commit.ts).
    key: ['order_id', 'line'],
    refs: { sku: 'sku', customer: 'customer_id' },
    fields: [
      f(
        'order_id',
        'key',
        'SO-000001',
        [
          'order',
          'orderno',
          'ordernumber',
          'so',
          'sono',
          'sonumber',
          'salesorder',
          'salesorderno',
          'invoice',
          'invoiceno',
          'invoicenumber',
          'documentno',
        ],
        req,
      ),
      f(
        'customer_id',
        'key',
        'CUST-0008',
        ['customer', 'cust', 'custid', 'customerno', 'customernumber', 'customercode', 'account', 'soldto', 'shipto'],
        req,
      ),
      f(
        'order_date',
        'date',
        '2024-11-21',
        ['date', 'orderdate', 'invoicedate', 'documentdate', 'salesdate', 'transactiondate', 'orderedon'],
        req,
      ),
      sku,
      f(
        'quantity',
        'positive',
        5,
        ['qty', 'units', 'quantityordered', 'orderqty', 'qtyordered', 'orderedqty', 'qtyshipped', 'quantityshipped'],
        req,
      ),
      f('status', 'enum', 'shipped', ['orderstatus', 'linestatus'], { values: ['open', 'shipped', 'cancelled'], fallback: 'open' }),
      f('line', 'positive', 1, ['lineno', 'linenumber', 'orderline', 'orderlineno', 'linenbr', 'lineitem', 'position', 'pos'], {
        max: 1e6,
      }),
    ],
  },
  inbound_shipments: {
    name: 'inbound_shipments',
    table: 'inbound_shipments',
    key: ['shipment_id', 'sku'],
    refs: { sku: 'sku' },
    fields: [
      shipmentId,
      sku,
      f('quantity', 'positive', 940, ['qty', 'units', 'quantityexpected', 'qtyexpected', 'expectedqty', 'orderqty'], req),
      f(
        'eta_date',
        'date',
        '2026-11-16',
        ['eta', 'expectedarrival', 'arrivaldate', 'duedate', 'expecteddate', 'deliverydate', 'etadate'],
        req,
      ),
      f('origin', 'text', 'Busan, KR', ['from', 'port', 'source', 'shipfrom', 'originport'], { fallback: '' }),
      f('status', 'enum', 'in_transit', ['shipmentstatus'], {
        values: ['planned', 'in_transit', 'delayed', 'arrived', 'cancelled'],
        fallback: 'planned',
      }),
    ],
  },
  // A receiving file (goods receipts, GRN lines): units of an inbound shipment counted into lots.
  // It loads through the ledger like POST /api/inbound-shipments/:id/receive (commit-receipts.ts):
  // IN movements into new or existing lots, and the shipment's received quantity grows.
  receipts: {
    name: 'receipts',
    table: 'inbound_shipments',
    writesLedger: true,
    // One lot of one SKU of one shipment, received into one warehouse (blank: the shipment's).
    key: ['shipment_id', 'sku', 'lot_id', 'warehouse'],
    refs: { sku: 'sku', warehouse: 'warehouse' },
    fields: [
      shipmentId,
      sku,
      lotId,
      expirationDate,
      f(
        'quantity',
        'positive',
        940,
        ['qty', 'units', 'quantityreceived', 'qtyreceived', 'receivedqty', 'receivedquantity', 'qtyrecd', 'grnqty'],
        req,
      ),
      { ...warehouse, required: false, fallback: null },
      receivedDate,
      f('unit_cost', 'optionalNumber', 2.36, ['cost', 'costprice', 'lotcost', 'unitcostusd'], { fallback: null }),
    ],
  },
  warehouses: {
    name: 'warehouses',
    table: 'warehouses',
    archivable: true,
    key: ['code'],
    refs: {},
    fields: [
      f('code', 'key', 'NJ1', ['warehouse', 'warehousecode', 'wh', 'whse', 'site', 'sitecode', 'id', 'dc'], req),
      f('name', 'text', 'Edison NJ Distribution Center', ['warehousename', 'sitename', 'description'], req),
      f('region', 'text', 'Northeast', ['area', 'territory', 'zone'], { fallback: '' }),
    ],
  },
  // Promotions (a trade-promotion calendar, a price-change list): one row per promotion and SKU.
  // Past promotions teach each SKU's forecast its lift; planned ones raise it (forecast/promotion-effect.ts).
  promotions: {
    name: 'promotions',
    table: 'promotions',
    key: ['promotion_id', 'sku'],
    refs: { sku: 'sku' },
    fields: [
      f(
        'promotion_id',
        'key',
        'PROMO-2026-11',
        ['promotion', 'promo', 'promoid', 'promocode', 'promotioncode', 'campaign', 'campaignid', 'deal', 'dealid'],
        req,
      ),
      sku,
      f(
        'start_date',
        'date',
        '2026-11-23',
        ['start', 'startdate', 'from', 'fromdate', 'begin', 'begindate', 'promostart', 'validfrom'],
        req,
      ),
      f('end_date', 'date', '2026-11-29', ['end', 'enddate', 'to', 'todate', 'until', 'promoend', 'validto', 'validuntil'], req),
      f(
        'discount_pct',
        'optionalNumber',
        15,
        ['discount', 'discountpercent', 'pctoff', 'percentoff', 'markdown', 'markdownpct', 'discountrate'],
        {
          fallback: null,
          max: 100,
        },
      ),
      f('name', 'text', 'Kimchi week', ['promotionname', 'promoname', 'description', 'campaignname', 'title'], { fallback: '' }),
    ],
  },
};

/** URL and landing-folder spellings of each entity. */
const ENTITY_ALIASES: Record<string, EntityName> = {
  lots: 'inventory_lots',
  'inventory-lots': 'inventory_lots',
  inbound: 'inbound_shipments',
  'inbound-shipments': 'inbound_shipments',
  receiving: 'receipts',
  'goods-receipts': 'receipts',
};

export function entityByName(name: string): EntityDef | undefined {
  const key = (ENTITY_ALIASES[name] ?? name) as EntityName;
  return (ENTITY_NAMES as readonly string[]).includes(key) ? ENTITIES[key] : undefined;
}

export const fieldIndex = (entity: EntityDef, field: string) => entity.fields.findIndex((x) => x.name === field);
