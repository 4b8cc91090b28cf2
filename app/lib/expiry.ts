// The expiry windows the dashboard and the lots page share, in order (the API's expiringByBucket;
// worker/planning/dashboard-core.ts). Each is labelled by the message `dash.bucket.<window>`.
export const EXPIRY_WINDOWS = ['expired', 'within-30', 'within-60', 'within-90', 'later'] as const;
export type ExpiryWindow = (typeof EXPIRY_WINDOWS)[number];
