import { createHmac } from 'node:crypto';
import type { WebhookFormat } from '@crm/contracts';
import { robotText } from './texts.ts';

/** One delivery as the sender needs it. */
export type Outgoing = {
  deliveryId: string;
  eventId: string;
  event: string;
  occurredAt: Date;
  data: Record<string, unknown>;
  url: string;
  format: WebhookFormat;
  secret: string | null;
};

export type Request = { url: string; headers: Record<string, string>; body: string };

/** docs/webhooks.md#json: `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>` with the secret. */
export const jsonSignature = (secret: string, timestamp: number, body: string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;

/**
 * docs/webhooks.md#dingtalk: the string `<timestamp ms>\n<secret>` signed with HMAC-SHA256 keyed by the secret,
 * Base64 (the caller URL-encodes it into the query).
 */
export const dingTalkSign = (secret: string, timestampMs: number) =>
  createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');

/**
 * docs/webhooks.md#feishu: HMAC-SHA256 keyed by `<timestamp s>\n<secret>` of an empty message, Base64 (sent in the
 * body with the timestamp).
 */
export const feishuSign = (secret: string, timestampSeconds: number) =>
  createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');

/** The headers every delivery carries, whatever its format: which event, and the delivery (stable across retries). */
const common = (d: Outgoing) => ({
  'content-type': 'application/json; charset=utf-8',
  'user-agent': 'CRM-Webhooks/1.0',
  'x-crm-event': d.event,
  'x-crm-delivery': d.deliveryId,
});

/**
 * The request of one attempt (docs/webhooks.md#formats), signed at `now`: the JSON envelope with its signature
 * header, or a robot's text message with the robot's own signing.
 */
export function buildRequest(d: Outgoing, now: Date): Request {
  const ms = now.getTime();
  const seconds = Math.floor(ms / 1000);
  if (d.format === 'json') {
    const body = JSON.stringify({
      id: d.eventId,
      event: d.event,
      occurredAt: d.occurredAt.toISOString(),
      data: d.data,
    });
    return {
      url: d.url,
      body,
      headers: {
        ...common(d),
        'x-crm-timestamp': String(seconds),
        ...(d.secret ? { 'x-crm-signature': jsonSignature(d.secret, seconds, body) } : {}),
      },
    };
  }
  const text = robotText(d.event, d.data, d.occurredAt);
  if (d.format === 'dingtalk') {
    const url = d.secret
      ? `${d.url}${d.url.includes('?') ? '&' : '?'}timestamp=${ms}&sign=${encodeURIComponent(dingTalkSign(d.secret, ms))}`
      : d.url;
    return { url, headers: common(d), body: JSON.stringify({ msgtype: 'text', text: { content: text } }) };
  }
  if (d.format === 'feishu') {
    const signed = d.secret ? { timestamp: String(seconds), sign: feishuSign(d.secret, seconds) } : {};
    return {
      url: d.url,
      headers: common(d),
      body: JSON.stringify({ ...signed, msg_type: 'text', content: { text } }),
    };
  }
  // WeCom: the robot's key is part of its URL; it has no signing (docs/webhooks.md#wecom)
  return { url: d.url, headers: common(d), body: JSON.stringify({ msgtype: 'text', text: { content: text } }) };
}

/**
 * Whether an answer is a success (docs/webhooks.md#delivery, rule 2): any 2xx for JSON; the robots answer 200 with a
 * code in the body, and only code 0 is a message sent (`errcode` for DingTalk and WeCom, `code` — or the older
 * `StatusCode` — for Feishu). Answers the error to record, or null.
 */
export function answerError(format: WebhookFormat, status: number, body: string): string | null {
  if (status < 200 || status > 299) return `HTTP ${status}${body ? `: ${body.slice(0, 300)}` : ''}`;
  if (format === 'json') return null;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return `HTTP ${status}, but not the robot's JSON answer: ${body.slice(0, 200)}`;
  }
  const code = format === 'feishu' ? (parsed.code ?? parsed.StatusCode) : parsed.errcode;
  if (code === 0 || code === '0') return null;
  const message = format === 'feishu' ? (parsed.msg ?? parsed.StatusMessage) : parsed.errmsg;
  return code === undefined
    ? `HTTP ${status}, but the robot's answer has no ${format === 'feishu' ? 'code' : 'errcode'}`
    : `robot error ${String(code)}${message ? `: ${String(message).slice(0, 300)}` : ''}`;
}
