// Shapes of the API's JSON as the web app reads them, inferred from the API's route schemas
// (worker/api/schemas through AppType, hono/client): a schema change shows up here, and every page
// reading a field the API no longer answers stops compiling. Type-only: nothing here reaches the
// bundle.
import type { AppType } from '@lotwise/api';
import type { hc, InferResponseType } from 'hono/client';

type Api = ReturnType<typeof hc<AppType>>['api'];
/** The 200 answer of a client endpoint. */
type Ok<E> = InferResponseType<E, 200>;

/** Which plan answered: its day and when it was built. */
export type Snapshot = Pick<Ok<Api['plan']['$get']>, 'asOf' | 'builtAt'>;
/** A page of a list: `{items, total, page, pageSize}` (README, API conventions). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type PlanResponse = Ok<Api['plan']['$get']>;
export type WasteTotals = PlanResponse['waste']['byWarehouse'][string];
export type Bucket = keyof PlanResponse['waste']['byBucket'];

export type ExpiringResponse = Ok<Api['expiring']['$get']>;
export type ExpiringLot = ExpiringResponse['items'][number];
export type StockoutRow = Ok<Api['stockouts']['$get']>['items'][number];
export type InsightRow = Ok<Api['insights']['$get']>['items'][number];
export type ReorderRow = Ok<Api['reorders']['$get']>['items'][number];
export type SkuForecast = Ok<Api['skus'][':sku']['forecast']['$get']>;
export type FefoOrder = Ok<Api['fefo']['$get']>;
/** A customer of a SKU: how much and how regularly they buy it. */
export type CustomerCadence = Ok<Api['skus'][':sku']['customers']['$get']>['items'][number];
/** A customer's cadence for each SKU they buy. */
export type CustomerCadenceView = Ok<Api['customers'][':id']['cadence']['$get']>;
export type ForecastValidationRow = Ok<Api['forecast-validation']['$get']>['items'][number];

/** GET /api/dashboard (worker/api/planning.schemas.ts DashboardSchema): one call for the whole page. */
export type DashboardResponse = Ok<Api['dashboard']['$get']>;

/** GET /api/status: refresh, jobs, imports, queues, API health and this month's model calls. */
export type StatusResponse = Ok<Api['status']['$get']>;

export type AlertsResponse = Ok<Api['alerts']['$get']>;
export type Alert = AlertsResponse['items'][number];
export type AlertDelivery = Ok<Api['alerts'][':id']['deliveries']['$get']>['items'][number];
export type AuditResponse = Ok<Api['audit']['$get']>;
export type AuditEntry = AuditResponse['items'][number];
export type AuditVerify = Ok<Api['audit']['verify']['$get']>;
export type Roi = Ok<Api['roi']['$get']>;
export type InboundShipmentsResponse = Ok<Api['inbound-shipments']['$get']>;
export type InboundShipmentRow = InboundShipmentsResponse['items'][number];
export type InboundShipmentDetail = Ok<Api['inbound-shipments'][':id']['$get']>;
export type ActionsResponse = Ok<Api['actions']['$get']>;
export type ActionItem = ActionsResponse['items'][number];
/** GET /api/actions/:id: the action (evidence and outcome as objects, as in the list) with its notes. */
export type ActionDetailResponse = Ok<Api['actions'][':id']['$get']>;
export type AskCitation = Ok<Api['ask']['$post']>['citations'][number];
export type FefoLot = FefoOrder['ranked'][number];
export type ImportPreview = Ok<Api['imports'][':entity']['preview']['$post']>;
export type MovementRow = Ok<Api['movements']['$get']>['items'][number];
export type UserRow = Ok<Api['users']['$get']>['items'][number];
export type TenantView = Ok<Api['tenant']['$get']>;
export type ProductRow = Ok<Api['products']['$get']>['items'][number];
export type ForecastValidationResponse = Ok<Api['forecast-validation']['$get']>;
