// What each kind of alert channel receives. Pure: the sender adds transport (signature, auth).

export type Severity = 'info' | 'warning' | 'critical';
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** Kinds of alert Lotwise raises; a channel subscribes to some or (empty list) all of them. */
export const ALERT_KINDS = [
  'stock-critical',
  'stockout',
  'expiry',
  'certain-loss',
  'import-failed',
  'refresh-failed',
  'dead-letter',
  'test',
] as const;

export interface AlertForDelivery {
  id: string;
  kind: string;
  severity: Severity;
  message: string;
  createdAt: string;
}

export interface ChannelSpec {
  type: 'webhook' | 'slack' | 'whatsapp' | 'email';
  kinds: string[];
  minSeverity: Severity;
  config: { to?: string; from?: string };
}

/** Whether a channel wants an alert: its kind is subscribed (or all are) and it is severe enough. */
export function channelWants(channel: Pick<ChannelSpec, 'kinds' | 'minSeverity'>, alert: Pick<AlertForDelivery, 'kind' | 'severity'>) {
  if (alert.kind === 'test') return true;
  return (
    (channel.kinds.length === 0 || channel.kinds.includes(alert.kind)) &&
    SEVERITY_RANK[alert.severity] >= SEVERITY_RANK[channel.minSeverity]
  );
}

const subject = (a: AlertForDelivery, tenantName: string) => `[Lotwise ${a.severity}] ${tenantName}: ${a.kind.replace(/[-_]/g, ' ')}`;

/**
 * The JSON body for a channel:
 * - webhook: `{type: "lotwise.alert", tenant, alert: {id, kind, severity, message, createdAt}}`
 * - slack: Slack incoming-webhook `{text}` (mrkdwn)
 * - whatsapp: WhatsApp Cloud API text message `{messaging_product, recipient_type, to, type, text}`
 * - email: provider HTTP API `{from, to: [..], subject, text}` (the shape Resend/Postmark-style APIs take)
 */
export function alertPayload(channel: ChannelSpec, alert: AlertForDelivery, tenant: { id: string; name: string }): unknown {
  const line = `${alert.severity.toUpperCase()}: ${alert.message}`;
  switch (channel.type) {
    case 'webhook':
      return { type: 'lotwise.alert', tenant: tenant.id, alert };
    case 'slack':
      return { text: `*${subject(alert, tenant.name)}*\n${alert.message}` };
    case 'whatsapp':
      return {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: channel.config.to ?? '',
        type: 'text',
        text: { preview_url: false, body: `${subject(alert, tenant.name)}\n${line}`.slice(0, 4096) },
      };
    case 'email':
      return {
        from: channel.config.from ?? 'alerts@lotwise.invalid',
        to: [channel.config.to ?? ''],
        subject: subject(alert, tenant.name),
        text: `${line}\n\nRaised at ${alert.createdAt}. Alert id ${alert.id}.`,
      };
  }
}

/** Backoff before retry number `attempt` (1-based): 10 s, 20 s, 40 s … capped at 10 minutes. */
export const retryDelaySeconds = (attempt: number) => Math.min(600, 10 * 2 ** Math.max(0, attempt - 1));
