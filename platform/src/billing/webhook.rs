//! The payment provider's events: `POST /webhooks/payments`.
//!
//! The provider signs each delivery as Stripe does: the header
//! `Horarium-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (several
//! `v1` entries are allowed, so that a secret can be rotated), with the secret both sides share
//! (`Settings::payment_webhook_secret`, `HORARIUM_PAYMENT_WEBHOOK_SECRET`). A delivery whose
//! signature does not verify, or whose `t` is more than [`TOLERANCE_SECONDS`] from the server's
//! clock (a replay), answers 400 and changes nothing. The body:
//!
//! ```json
//! {"id": "evt_123", "type": "payment.succeeded", "created": 1796083200,
//!  "data": {"invoice_id": "inv_...", "amount_cents": 9900}}
//! ```
//!
//! `type` is `payment.succeeded`, `payment.failed` or `refund.succeeded`. Each event is applied at
//! most once, however often it is delivered ([`store::apply_event`]): 200 with `applied`,
//! `duplicate` or `ignored` (and why); 409 for a refund of an invoice not paid yet, which events
//! arriving out of order can ask, so that the provider's retry applies it later.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::store::{self, EventKind, EventResult, PaymentEvent};
use crate::app::AppState;
use crate::clock::Timestamp;
use crate::error::{ApiError, ErrorBody};

/// How far a signature's time may be from the server's clock.
pub const TOLERANCE_SECONDS: i64 = 300;

/// The header that carries the signature.
pub const SIGNATURE_HEADER: &str = "horarium-signature";

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(payment_event))
}

/// A payment provider's event.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Event {
    /// The provider's id of the event; a delivery of an id already received changes nothing.
    pub id: String,
    /// `payment.succeeded`, `payment.failed` or `refund.succeeded`.
    #[serde(rename = "type")]
    pub kind: String,
    /// When the provider made it, in Unix seconds.
    pub created: i64,
    /// What it is about.
    pub data: EventData,
}

/// The invoice an event is about.
#[derive(Debug, Deserialize, ToSchema)]
pub struct EventData {
    /// The invoice's id.
    pub invoice_id: String,
    /// The amount paid or refunded, in cents (not for a failure).
    #[serde(default)]
    pub amount_cents: Option<i64>,
}

/// How an event was taken.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventReceipt {
    /// The event's id.
    pub event: String,
    /// `applied`, `duplicate` or `ignored`.
    pub result: String,
    /// Why it was ignored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The HMAC-SHA256 of `<t>.<body>` under `secret`, in hex: what a provider puts in `v1`.
pub fn sign(secret: &str, t: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Checks `header` (`t=...,v1=...`) against `body` and `secret` at `now`.
pub fn verify(secret: &str, header: &str, body: &[u8], now: Timestamp) -> Result<(), String> {
    let mut t = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => t = value.parse::<i64>().ok(),
            Some(("v1", value)) => signatures.push(value),
            _ => {}
        }
    }
    let t = t.ok_or("the signature header has no time (t=)")?;
    if signatures.is_empty() {
        return Err("the signature header has no v1 signature".to_owned());
    }
    if (now.millis() / 1000 - t).abs() > TOLERANCE_SECONDS {
        return Err(format!("the signature's time is more than {TOLERANCE_SECONDS} s from now: a replay, or a clock that is off"));
    }
    let verifies = |signature: &&str| {
        let Ok(bytes) = hex::decode(signature) else { return false };
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
        mac.update(t.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        // Constant time.
        mac.verify_slice(&bytes).is_ok()
    };
    if signatures.iter().any(verifies) {
        Ok(())
    } else {
        Err("the signature does not match the body".to_owned())
    }
}

/// Takes a payment provider's signed event: records a payment, a declined payment or a refund
/// against an invoice, once per event id. Needs no token: the signature is the credential.
#[utoipa::path(post, path = "/webhooks/payments", tag = "billing", request_body = Event,
    params(("Horarium-Signature" = String, Header, description = "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">")),
    responses((status = 200, body = EventReceipt), (status = 400, body = ErrorBody, description = "a bad or stale signature, or a malformed event"),
        (status = 409, body = ErrorBody, description = "a refund of an invoice not paid yet: deliver it again later"),
        (status = 404, body = ErrorBody, description = "this server has no signing secret configured")))]
async fn payment_event(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Json<EventReceipt>, ApiError> {
    let Some(secret) = state.settings().payment_webhook_secret.as_deref() else {
        return Err(ApiError::not_found("route: payment events are off on this server (set HORARIUM_PAYMENT_WEBHOOK_SECRET)"));
    };
    let header = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok()).ok_or_else(|| {
        ApiError::bad_request("missing Horarium-Signature header: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">")
    })?;
    verify(secret, header, &body, state.now()).map_err(ApiError::bad_request)?;
    let event: Event = serde_json::from_slice(&body).map_err(|e| ApiError::bad_request(format!("the event is not valid: {e}")))?;
    let kind = match event.kind.as_str() {
        "payment.succeeded" => EventKind::PaymentSucceeded,
        "payment.failed" => EventKind::PaymentFailed,
        "refund.succeeded" => EventKind::Refunded,
        other => {
            return Err(ApiError::bad_request(format!(
                "unknown event type {other:?}: payment.succeeded, payment.failed or refund.succeeded"
            )))
        }
    };
    if kind != EventKind::PaymentFailed && event.data.amount_cents.is_none() {
        return Err(ApiError::bad_request(format!("a {} event needs data.amount_cents", event.kind)));
    }
    let payment = PaymentEvent {
        id: event.id.clone(),
        kind,
        invoice: event.data.invoice_id,
        amount_cents: event.data.amount_cents,
        created: Timestamp::from(event.created.saturating_mul(1000)),
    };
    let (result, reason) = match store::apply_event(state.db(), &payment, state.now()).await? {
        EventResult::Applied => ("applied", None),
        EventResult::Duplicate => ("duplicate", None),
        EventResult::Ignored(why) => ("ignored", Some(why)),
        EventResult::NotYet(why) => return Err(ApiError::conflict(why)),
    };
    tracing::info!(event = %event.id, result, "payment event");
    Ok(Json(EventReceipt { event: event.id, result: result.to_owned(), reason }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_within_the_tolerance_and_only_for_its_body() {
        let body = br#"{"id": "evt_1"}"#;
        let now = Timestamp::from(1_796_083_200_000);
        let t = 1_796_083_200;
        let good = format!("t={t},v1={}", sign("whsec", t, body));
        assert_eq!(verify("whsec", &good, body, now), Ok(()));
        // A rotated secret: any v1 may match.
        assert_eq!(verify("whsec", &format!("t={t},v1={},v1={}", sign("old", t, body), sign("whsec", t, body)), body, now), Ok(()));
        assert!(verify("other", &good, body, now).unwrap_err().contains("does not match"));
        assert!(verify("whsec", &good, br#"{"id": "evt_2"}"#, now).unwrap_err().contains("does not match"));
        let late = Timestamp::from((t + TOLERANCE_SECONDS + 1) * 1000);
        assert!(verify("whsec", &good, body, late).unwrap_err().contains("replay"));
        assert!(verify("whsec", "v1=00", body, now).unwrap_err().contains("no time"));
        assert!(verify("whsec", &format!("t={t},v1=zz"), body, now).is_err());
    }
}
