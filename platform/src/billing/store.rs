//! Subscriptions and invoices in the database: loading and saving the state machine, measuring
//! usage, issuing invoices and recording payments.
//!
//! A subscription row carries a version; every write checks and increments it inside the
//! transaction that issues its invoices, so a billing run and a payment arriving at the same
//! moment never overwrite each other (the loser retries from the new state).

use serde::Serialize;
use sqlx::{Any, FromRow, Transaction};
use utoipa::ToSchema;

use super::invoice::{Draft, InvoiceKind, Line, Period, PlanChoice, Usage};
use super::subscription::{ChangeError, Standing, State, Status, Subscription, GRACE_DAYS};
use super::{Cents, Cycle, Plan};
use crate::clock::Timestamp;
use crate::db::{new_id, Db};
use crate::error::{ApiError, Error};
use crate::tenant::TenantId;

/// Attempts at a write that lost a race before giving up.
const RETRIES: usize = 5;

#[derive(FromRow)]
struct SubscriptionRow {
    plan: String,
    cycle: String,
    status: String,
    trial_ends_at: i64,
    period_start: Option<i64>,
    period_end: Option<i64>,
    overage_from: Option<i64>,
    past_due_since: Option<i64>,
    suspended_at: Option<i64>,
    negotiated_monthly_cents: Option<i64>,
    credit_cents: i64,
    invoices_issued: i64,
    version: i64,
}

/// A subscription as stored, with what its row needs besides the state machine.
struct Stored {
    subscription: Subscription,
    trial_ends_at: Timestamp,
    invoices_issued: i64,
    version: i64,
}

fn corrupt(tenant: &TenantId, what: &str) -> ApiError {
    ApiError::from(Error::Corrupt(format!("subscription of {}: {what}", tenant.0)))
}

impl SubscriptionRow {
    fn load(self, tenant: &TenantId) -> Result<Stored, ApiError> {
        let plan = Plan::parse(&self.plan).ok_or_else(|| corrupt(tenant, "plan"))?;
        let cycle = Cycle::parse(&self.cycle).ok_or_else(|| corrupt(tenant, "cycle"))?;
        let trial_ends_at = Timestamp::from_millis(self.trial_ends_at);
        let period = || match (self.period_start, self.period_end) {
            (Some(start), Some(end)) => Ok(Period { start: start.into(), end: end.into() }),
            _ => Err(corrupt(tenant, "a billed subscription without its period")),
        };
        let past_due = || self.past_due_since.map(Timestamp::from).ok_or_else(|| corrupt(tenant, "past due without a date"));
        let overage_from =
            || self.overage_from.map(Timestamp::from).ok_or_else(|| corrupt(tenant, "a billed subscription without overage_from"));
        let billing = |standing| Ok::<_, ApiError>(State::Billing { period: period()?, overage_from: overage_from()?, standing });
        let state = match self.status.as_str() {
            "trialing" => State::Trialing { ends_at: trial_ends_at },
            "active" => billing(Standing::Good)?,
            "past_due" => billing(Standing::PastDue { since: past_due()? })?,
            "suspended" => billing(Standing::Suspended {
                past_due_since: past_due()?,
                since: self.suspended_at.map(Timestamp::from).ok_or_else(|| corrupt(tenant, "suspended without a date"))?,
            })?,
            _ => return Err(corrupt(tenant, "status")),
        };
        Ok(Stored {
            subscription: Subscription {
                choice: PlanChoice { plan, cycle, negotiated: self.negotiated_monthly_cents.map(Cents) },
                state,
                credit: Cents(self.credit_cents),
            },
            trial_ends_at,
            invoices_issued: self.invoices_issued,
            version: self.version,
        })
    }
}

/// Starts the trial of a new school, inside its sign-up transaction.
pub async fn start_trial(
    tx: &mut Transaction<'_, Any>,
    tenant: &TenantId,
    plan: Plan,
    cycle: Cycle,
    now: Timestamp,
) -> Result<(), ApiError> {
    let s = Subscription::start(plan, cycle, now);
    let State::Trialing { ends_at } = s.state else { unreachable!("a new subscription is in its trial") };
    sqlx::query(
        "INSERT INTO subscriptions (tenant_id, plan, cycle, status, trial_ends_at, credit_cents, invoices_issued, version) VALUES ($1, $2, $3, $4, $5, 0, 0, 0)",
    )
    .bind(&tenant.0)
    .bind(plan.as_str())
    .bind(cycle.as_str())
    .bind(Status::Trialing.as_str())
    .bind(ends_at.millis())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn load(tx: &mut Transaction<'_, Any>, tenant: &TenantId) -> Result<Stored, ApiError> {
    let row: Option<SubscriptionRow> =
        sqlx::query_as("SELECT * FROM subscriptions WHERE tenant_id = $1").bind(&tenant.0).fetch_optional(&mut **tx).await?;
    row.ok_or_else(|| ApiError::not_found("subscription"))?.load(tenant)
}

/// Saves `stored` if nobody changed the row since it was loaded; `false` if somebody did.
async fn save(tx: &mut Transaction<'_, Any>, tenant: &TenantId, stored: &Stored) -> Result<bool, ApiError> {
    let s = &stored.subscription;
    let (period, overage_from, past_due_since, suspended_at) = match s.state {
        State::Trialing { .. } => (None, None, None, None),
        State::Billing { period, overage_from, standing } => match standing {
            Standing::Good => (Some(period), Some(overage_from), None, None),
            Standing::PastDue { since } => (Some(period), Some(overage_from), Some(since), None),
            Standing::Suspended { past_due_since, since } => (Some(period), Some(overage_from), Some(past_due_since), Some(since)),
        },
    };
    let done = sqlx::query(
        "UPDATE subscriptions SET plan = $3, cycle = $4, status = $5, period_start = $6, period_end = $7, past_due_since = $8, \
         suspended_at = $9, negotiated_monthly_cents = $10, credit_cents = $11, invoices_issued = $12, overage_from = $13, \
         version = version + 1 WHERE tenant_id = $1 AND version = $2",
    )
    .bind(&tenant.0)
    .bind(stored.version)
    .bind(s.choice.plan.as_str())
    .bind(s.choice.cycle.as_str())
    .bind(s.status().as_str())
    .bind(period.map(|p| p.start.millis()))
    .bind(period.map(|p| p.end.millis()))
    .bind(past_due_since.map(Timestamp::millis))
    .bind(suspended_at.map(Timestamp::millis))
    .bind(s.choice.negotiated.map(|c| c.0))
    .bind(s.credit.0)
    .bind(stored.invoices_issued)
    .bind(overage_from.map(Timestamp::millis))
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What `tenant` uses now: students on record, and the bytes of its timetable versions and jobs.
async fn measure(tx: &mut Transaction<'_, Any>, tenant: &TenantId) -> Result<Usage, ApiError> {
    let students: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM students WHERE tenant_id = $1").bind(&tenant.0).fetch_one(&mut **tx).await?;
    let versions: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(OCTET_LENGTH(problem) + OCTET_LENGTH(timetable)), 0) AS BIGINT) FROM timetable_versions WHERE tenant_id = $1",
    )
    .bind(&tenant.0)
    .fetch_one(&mut **tx)
    .await?;
    let jobs: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(SUM(OCTET_LENGTH(problem)), 0) AS BIGINT) FROM jobs WHERE tenant_id = $1")
        .bind(&tenant.0)
        .fetch_one(&mut **tx)
        .await?;
    Ok(Usage { students, storage_bytes: versions + jobs })
}

/// The status an invoice gets when issued: nothing to pay is paid, a negative total credited.
fn initial_status(total: Cents) -> &'static str {
    match total.0 {
        t if t > 0 => "open",
        0 => "paid",
        _ => "credited",
    }
}

async fn issue(
    tx: &mut Transaction<'_, Any>,
    tenant: &TenantId,
    stored: &mut Stored,
    draft: &Draft,
    now: Timestamp,
) -> Result<String, sqlx::Error> {
    stored.invoices_issued += 1;
    let id = new_id("inv");
    let total = draft.total();
    let status = initial_status(total);
    sqlx::query(
        "INSERT INTO invoices (tenant_id, id, number, kind, period_start, period_end, issued_at, status, total_cents, paid_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&tenant.0)
    .bind(&id)
    .bind(format!("HOR-{:06}", stored.invoices_issued))
    .bind(draft.kind.as_str())
    .bind(draft.period.start.millis())
    .bind(draft.period.end.millis())
    .bind(now.millis())
    .bind(status)
    .bind(total.0)
    .bind((status == "paid").then_some(now.millis()))
    .execute(&mut **tx)
    .await?;
    for (position, line) in draft.lines.iter().enumerate() {
        sqlx::query(
            "INSERT INTO invoice_lines (tenant_id, invoice_id, position, description, quantity, unit_cents, amount_cents) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&tenant.0)
        .bind(&id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(&line.description)
        .bind(line.quantity)
        .bind(line.unit_cents.0)
        .bind(line.amount_cents.0)
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

/// A subscription opened for a change: a write transaction, the subscription brought up to
/// `now` (with the invoices that makes due), and the usage measured in it. A caller changes the
/// subscription and writes in `tx`, then [`Open::commit`]s; when that says another writer got
/// there first, nothing was written and the caller starts again from [`Open::begin`].
struct Open {
    tx: Transaction<'static, Any>,
    stored: Stored,
    usage: Usage,
    drafts: Vec<Draft>,
}

impl Open {
    async fn begin(db: &Db, tenant: &TenantId, now: Timestamp) -> Result<Open, ApiError> {
        let mut tx = db.write().await?;
        let mut stored = load(&mut tx, tenant).await?;
        let usage = measure(&mut tx, tenant).await?;
        let drafts = stored.subscription.advance(now, usage);
        Ok(Open { tx, stored, usage, drafts })
    }

    /// Issues the invoices due and saves the subscription: the ids of the invoices, oldest first,
    /// or `None` when another writer changed the subscription, or took the same invoice number,
    /// meanwhile.
    /// After a payment: once no failed invoice is left, the grace period or suspension ends.
    async fn settle_if_clear(&mut self, tenant: &TenantId) -> Result<(), ApiError> {
        let failed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invoices WHERE tenant_id = $1 AND status = 'failed'")
            .bind(&tenant.0)
            .fetch_one(&mut *self.tx)
            .await?;
        if failed == 0 {
            self.stored.subscription.payments_settled();
        }
        Ok(())
    }

    async fn commit(mut self, tenant: &TenantId, now: Timestamp) -> Result<Option<Vec<String>>, ApiError> {
        let mut ids = Vec::with_capacity(self.drafts.len());
        for draft in &self.drafts {
            match issue(&mut self.tx, tenant, &mut self.stored, draft, now).await {
                Ok(id) => ids.push(id),
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                    self.tx.rollback().await?;
                    return Ok(None);
                }
                Err(e) => return Err(e.into()),
            }
        }
        if save(&mut self.tx, tenant, &self.stored).await? {
            self.tx.commit().await?;
            Ok(Some(ids))
        } else {
            self.tx.rollback().await?;
            Ok(None)
        }
    }
}

fn raced() -> ApiError {
    ApiError::conflict("the subscription is being changed by someone else at the same time; try again")
}

/// Brings the tenant's subscription up to `now`: the invoices due are issued, and a school whose
/// grace period is over is suspended. Returns the ids of the invoices issued.
pub async fn advance(db: &Db, tenant: &TenantId, now: Timestamp) -> Result<Vec<String>, ApiError> {
    for _ in 0..RETRIES {
        if let Some(ids) = Open::begin(db, tenant, now).await?.commit(tenant, now).await? {
            return Ok(ids);
        }
    }
    Err(raced())
}

/// Changes the tenant's plan at `now`; returns the id of the invoice of the change, if one is due
/// (none during the trial, nor for the plan already in force).
pub async fn change_plan(db: &Db, tenant: &TenantId, choice: PlanChoice, now: Timestamp) -> Result<Option<String>, ApiError> {
    for _ in 0..RETRIES {
        let mut open = Open::begin(db, tenant, now).await?;
        let usage = open.usage;
        let draft = open
            .stored
            .subscription
            .change(choice, now, usage)
            .map_err(|e: ChangeError| ApiError::invalid_field("negotiated_monthly_cents", e.to_string()))?;
        let invoiced = draft.is_some();
        open.drafts.extend(draft);
        if let Some(ids) = open.commit(tenant, now).await? {
            // The change's invoice comes after any that bringing the subscription up to now issued.
            return Ok(if invoiced { ids.last().cloned() } else { None });
        }
    }
    Err(raced())
}

/// What a billing run did.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct BillingRun {
    /// Tenants looked at.
    pub tenants: usize,
    /// Invoices issued.
    pub invoices_issued: usize,
    /// Tenants suspended now or before.
    pub suspended: usize,
    /// Tenants whose subscription could not be brought up to date this time (logged; the next
    /// run tries again).
    pub errors: usize,
}

/// Brings every tenant's subscription up to `now`; one tenant's failure does not stop the others.
pub async fn run_billing(db: &Db, now: Timestamp) -> Result<BillingRun, ApiError> {
    let tenants: Vec<String> = sqlx::query_scalar("SELECT tenant_id FROM subscriptions ORDER BY tenant_id").fetch_all(db.pool()).await?;
    let mut run = BillingRun { tenants: tenants.len(), ..BillingRun::default() };
    for tenant in tenants {
        let tenant = TenantId(tenant);
        match advance(db, &tenant, now).await {
            Ok(ids) => run.invoices_issued += ids.len(),
            Err(e) => {
                tracing::error!(tenant = %tenant.0, "billing: {e}");
                run.errors += 1;
            }
        }
        if is_suspended(db, &tenant, now).await? {
            run.suspended += 1;
        }
    }
    Ok(run)
}

/// How a payment went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The invoice is paid.
    Succeeded,
    /// The payment was declined.
    Failed,
}

/// Records the payment provider's report on invoice `invoice` at `now`, all in one transaction:
/// a success pays it (and, once no failed invoice is left, lifts a grace period or a
/// suspension); a failure starts the grace period. An invoice with nothing to pay is a conflict.
pub async fn record_payment(db: &Db, invoice: &str, outcome: Outcome, now: Timestamp) -> Result<InvoiceView, ApiError> {
    let tenant: Option<String> =
        sqlx::query_scalar("SELECT tenant_id FROM invoices WHERE id = $1").bind(invoice).fetch_optional(db.pool()).await?;
    let tenant = TenantId(tenant.ok_or_else(|| ApiError::not_found("invoice"))?);
    let (status, name) = match outcome {
        Outcome::Succeeded => ("paid", "succeeded"),
        Outcome::Failed => ("failed", "failed"),
    };
    for _ in 0..RETRIES {
        let mut open = Open::begin(db, &tenant, now).await?;
        let updated =
            sqlx::query("UPDATE invoices SET status = $3, paid_at = $4 WHERE tenant_id = $1 AND id = $2 AND status IN ('open', 'failed')")
                .bind(&tenant.0)
                .bind(invoice)
                .bind(status)
                .bind((outcome == Outcome::Succeeded).then_some(now.millis()))
                .execute(&mut *open.tx)
                .await?;
        if updated.rows_affected() == 0 {
            let status: String = sqlx::query_scalar("SELECT status FROM invoices WHERE tenant_id = $1 AND id = $2")
                .bind(&tenant.0)
                .bind(invoice)
                .fetch_one(&mut *open.tx)
                .await?;
            return Err(ApiError::conflict(format!("invoice {invoice} is {status}: there is nothing to pay")));
        }
        // A success moves the invoice's total, which refunds are measured against.
        sqlx::query(
            "INSERT INTO payments (tenant_id, id, invoice_id, outcome, at, amount_cents) \
             SELECT $1, $2, $3, $4, $5, CASE WHEN $6 = 1 THEN total_cents END FROM invoices WHERE tenant_id = $1 AND id = $3",
        )
        .bind(&tenant.0)
        .bind(new_id("pay"))
        .bind(invoice)
        .bind(name)
        .bind(now.millis())
        .bind(i64::from(outcome == Outcome::Succeeded))
        .execute(&mut *open.tx)
        .await?;
        match outcome {
            Outcome::Failed => open.stored.subscription.payment_failed(now),
            Outcome::Succeeded => open.settle_if_clear(&tenant).await?,
        }
        if open.commit(&tenant, now).await?.is_some() {
            return invoice_view(db, &tenant, invoice).await;
        }
    }
    Err(raced())
}

/// What a payment provider's event says happened to an invoice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// The invoice was paid, `amount_cents` its total.
    PaymentSucceeded,
    /// A payment of it was declined.
    PaymentFailed,
    /// Money paid for it was returned: `amount_cents` of it.
    Refunded,
}

/// A payment provider's event, verified.
#[derive(Clone, Debug)]
pub struct PaymentEvent {
    /// The provider's id of the event: applying it is idempotent on this.
    pub id: String,
    /// What happened.
    pub kind: EventKind,
    /// The invoice.
    pub invoice: String,
    /// The amount, for a success or a refund.
    pub amount_cents: Option<i64>,
    /// When the provider made it.
    pub created: Timestamp,
}

/// How an event was taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventResult {
    /// It changed the invoice (and perhaps the subscription).
    Applied,
    /// It had been received before; nothing changed.
    Duplicate,
    /// Recorded, but it changes nothing, for this reason (a failure after the invoice was paid, an
    /// amount that does not match, an invoice that does not exist).
    Ignored(String),
    /// It cannot apply yet (a refund of an invoice not paid yet, as events may arrive out of
    /// order): not recorded, so that the provider's retry applies it later.
    NotYet(String),
}

/// Records the event row; `false` when one with this id exists (the transaction must then be
/// rolled back).
async fn insert_event(
    tx: &mut Transaction<'static, Any>,
    event: &PaymentEvent,
    tenant: Option<&TenantId>,
    result: &str,
    now: Timestamp,
) -> Result<bool, ApiError> {
    let kind = match event.kind {
        EventKind::PaymentSucceeded => "payment.succeeded",
        EventKind::PaymentFailed => "payment.failed",
        EventKind::Refunded => "refund.succeeded",
    };
    let inserted = sqlx::query(
        "INSERT INTO payment_events (id, type, invoice_id, tenant_id, created_at, received_at, result) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&event.id)
    .bind(kind)
    .bind(&event.invoice)
    .bind(tenant.map(|t| t.0.clone()))
    .bind(event.created.millis())
    .bind(now.millis())
    .bind(result)
    .execute(&mut **tx)
    .await;
    match inserted {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Applies a payment provider's event at most once (its id is kept in the transaction that
/// applies it): a success pays an open or failed invoice whose total it matches, a failure of an
/// open invoice starts the grace period, a refund returns part or all of what was paid (all of
/// it makes the invoice `refunded`); anything else is recorded as ignored, with the reason.
pub async fn apply_event(db: &Db, event: &PaymentEvent, now: Timestamp) -> Result<EventResult, ApiError> {
    let tenant: Option<String> =
        sqlx::query_scalar("SELECT tenant_id FROM invoices WHERE id = $1").bind(&event.invoice).fetch_optional(db.pool()).await?;
    let Some(tenant) = tenant.map(TenantId) else {
        let why = format!("no invoice {}", event.invoice);
        let mut tx = db.write().await?;
        if !insert_event(&mut tx, event, None, &format!("ignored: {why}"), now).await? {
            tx.rollback().await?;
            return Ok(EventResult::Duplicate);
        }
        tx.commit().await?;
        return Ok(EventResult::Ignored(why));
    };
    for _ in 0..RETRIES {
        let mut open = Open::begin(db, &tenant, now).await?;
        if !insert_event(&mut open.tx, event, Some(&tenant), "applied", now).await? {
            open.tx.rollback().await?;
            return Ok(EventResult::Duplicate);
        }
        let (status, total): (String, i64) = sqlx::query_as("SELECT status, total_cents FROM invoices WHERE tenant_id = $1 AND id = $2")
            .bind(&tenant.0)
            .bind(&event.invoice)
            .fetch_one(&mut *open.tx)
            .await?;
        // PostgreSQL's SUM of BIGINT is NUMERIC: cast back.
        let (paid, refunded): (i64, i64) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(CASE WHEN outcome = 'succeeded' THEN amount_cents ELSE 0 END), 0) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN outcome = 'refunded' THEN amount_cents ELSE 0 END), 0) AS BIGINT) \
             FROM payments WHERE tenant_id = $1 AND invoice_id = $2",
        )
        .bind(&tenant.0)
        .bind(&event.invoice)
        .fetch_one(&mut *open.tx)
        .await?;
        let left = paid - refunded;
        let amount = event.amount_cents.unwrap_or(0);
        let unpaid = status == "open" || status == "failed";
        let (outcome, new_status, paid_at, ignored): (&str, Option<&str>, Option<i64>, Option<String>) = match event.kind {
            EventKind::PaymentSucceeded if !unpaid => ("succeeded", None, None, Some(format!("the invoice is {status}"))),
            EventKind::PaymentSucceeded if amount != total => {
                ("succeeded", None, None, Some(format!("{amount} cents paid, but the invoice's total is {total}")))
            }
            EventKind::PaymentSucceeded => ("succeeded", Some("paid"), Some(now.millis()), None),
            EventKind::PaymentFailed if status == "open" => ("failed", Some("failed"), None, None),
            EventKind::PaymentFailed => ("failed", None, None, Some(format!("the invoice is {status}"))),
            EventKind::Refunded if unpaid => {
                open.tx.rollback().await?;
                return Ok(EventResult::NotYet(format!("invoice {} is not paid (yet): nothing to refund", event.invoice)));
            }
            EventKind::Refunded if amount <= 0 || amount > left => {
                ("refunded", None, None, Some(format!("a refund of {amount} cents, but {left} are left to refund")))
            }
            EventKind::Refunded => ("refunded", (amount == left).then_some("refunded"), None, None),
        };
        if let Some(why) = &ignored {
            sqlx::query("UPDATE payment_events SET result = $2 WHERE id = $1")
                .bind(&event.id)
                .bind(format!("ignored: {why}"))
                .execute(&mut *open.tx)
                .await?;
        } else {
            if let Some(new_status) = new_status {
                sqlx::query("UPDATE invoices SET status = $3, paid_at = COALESCE($4, paid_at) WHERE tenant_id = $1 AND id = $2")
                    .bind(&tenant.0)
                    .bind(&event.invoice)
                    .bind(new_status)
                    .bind(paid_at)
                    .execute(&mut *open.tx)
                    .await?;
            }
            sqlx::query(
                "INSERT INTO payments (tenant_id, id, invoice_id, outcome, at, amount_cents, event_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(&tenant.0)
            .bind(new_id("pay"))
            .bind(&event.invoice)
            .bind(outcome)
            .bind(now.millis())
            .bind(event.amount_cents.filter(|_| event.kind != EventKind::PaymentFailed))
            .bind(&event.id)
            .execute(&mut *open.tx)
            .await?;
            match event.kind {
                EventKind::PaymentFailed => open.stored.subscription.payment_failed(now),
                EventKind::PaymentSucceeded => open.settle_if_clear(&tenant).await?,
                EventKind::Refunded => {}
            }
        }
        if open.commit(&tenant, now).await?.is_some() {
            return Ok(ignored.map_or(EventResult::Applied, EventResult::Ignored));
        }
    }
    Err(raced())
}

/// Whether `tenant` may only read at `now`: suspended, or past due with the grace period over
/// (before the billing run has recorded it).
pub async fn is_suspended(db: &Db, tenant: &TenantId, now: Timestamp) -> Result<bool, ApiError> {
    let row: Option<(String, Option<i64>)> = sqlx::query_as("SELECT status, past_due_since FROM subscriptions WHERE tenant_id = $1")
        .bind(&tenant.0)
        .fetch_optional(db.pool())
        .await?;
    Ok(match row {
        Some((status, _)) if status == Status::Suspended.as_str() => true,
        Some((status, Some(since))) if status == Status::PastDue.as_str() => Timestamp::from(since).plus_days(GRACE_DAYS) <= now,
        _ => false,
    })
}

/// A plan's limits.
#[derive(Debug, Serialize, ToSchema)]
pub struct Limits {
    /// Students included; none for no limit.
    pub students: Option<i64>,
    /// Bytes of storage included; none for no limit.
    pub storage_bytes: Option<i64>,
}

/// A subscription as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubscriptionView {
    /// The plan.
    pub plan: Plan,
    /// How often it is invoiced.
    pub cycle: Cycle,
    /// Where it stands, as of now.
    pub status: Status,
    /// When the free trial ends or ended.
    #[schema(value_type = String, format = DateTime)]
    pub trial_ends_at: Timestamp,
    /// The current billing period; none during the trial.
    pub period: Option<Period>,
    /// The price of one period, in cents.
    #[schema(value_type = i64)]
    pub period_price_cents: Cents,
    /// An Enterprise plan's negotiated monthly price, in cents.
    #[schema(value_type = Option<i64>)]
    pub negotiated_monthly_cents: Option<Cents>,
    /// When a payment failed, while that is not settled.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub past_due_since: Option<Timestamp>,
    /// When the school is or was suspended if that payment is not made.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub suspends_at: Option<Timestamp>,
    /// Credit for the next invoices, in cents.
    #[schema(value_type = i64)]
    pub credit_cents: Cents,
    /// What the school uses now.
    pub usage: Usage,
    /// What its plan includes.
    pub limits: Limits,
}

/// The tenant's subscription as of `now`.
pub async fn subscription_view(db: &Db, tenant: &TenantId, now: Timestamp) -> Result<SubscriptionView, ApiError> {
    let mut tx = db.snapshot().await?;
    let stored = load(&mut tx, tenant).await?;
    let usage = measure(&mut tx, tenant).await?;
    tx.commit().await?;
    let s = stored.subscription;
    // As of now, without issuing anything: the billing run does that.
    let status = {
        let mut probe = s.clone();
        probe.advance(now, usage);
        probe.status()
    };
    let (period, past_due_since) = match s.state {
        State::Trialing { .. } => (None, None),
        State::Billing { period, standing, .. } => match standing {
            Standing::Good => (Some(period), None),
            Standing::PastDue { since } | Standing::Suspended { past_due_since: since, .. } => (Some(period), Some(since)),
        },
    };
    let terms = s.choice.terms();
    Ok(SubscriptionView {
        plan: s.choice.plan,
        cycle: s.choice.cycle,
        status,
        trial_ends_at: stored.trial_ends_at,
        period,
        period_price_cents: s.choice.period_price(),
        negotiated_monthly_cents: s.choice.negotiated,
        past_due_since,
        suspends_at: past_due_since.map(|t| t.plus_days(GRACE_DAYS)),
        credit_cents: s.credit,
        usage,
        limits: Limits { students: terms.students, storage_bytes: terms.storage },
    })
}

#[derive(FromRow)]
struct InvoiceRow {
    id: String,
    number: String,
    kind: String,
    period_start: i64,
    period_end: i64,
    issued_at: i64,
    status: String,
    total_cents: i64,
    paid_at: Option<i64>,
}

/// An invoice.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceView {
    /// Its id.
    pub id: String,
    /// Its number, `HOR-000001`, in the order the school's invoices were issued.
    pub number: String,
    /// Why it was issued.
    pub kind: InvoiceKind,
    /// `open` (awaiting payment), `paid`, `failed` (a payment was declined), `refunded` (what
    /// was paid went back) or `credited` (its negative total went to the school's credit).
    pub status: String,
    /// The period it bills.
    pub period: Period,
    /// When it was issued.
    #[schema(value_type = String, format = DateTime)]
    pub issued_at: Timestamp,
    /// When it was paid.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub paid_at: Option<Timestamp>,
    /// The sum of its lines, in cents.
    #[schema(value_type = i64)]
    pub total_cents: Cents,
    /// The total as text: `$1,234.56`.
    pub total: String,
    /// Its lines, in order.
    pub lines: Vec<Line>,
}

async fn lines(db: &Db, tenant: &TenantId, invoice: &str) -> Result<Vec<Line>, ApiError> {
    let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT description, quantity, unit_cents, amount_cents FROM invoice_lines WHERE tenant_id = $1 AND invoice_id = $2 ORDER BY position",
    )
    .bind(&tenant.0)
    .bind(invoice)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(description, quantity, unit, amount)| Line { description, quantity, unit_cents: Cents(unit), amount_cents: Cents(amount) })
        .collect())
}

impl InvoiceRow {
    async fn view(self, db: &Db, tenant: &TenantId) -> Result<InvoiceView, ApiError> {
        let lines = lines(db, tenant, &self.id).await?;
        Ok(InvoiceView {
            kind: InvoiceKind::parse(&self.kind).ok_or_else(|| ApiError::internal(format!("invoice kind {:?}", self.kind)))?,
            total: Cents(self.total_cents).to_string(),
            total_cents: Cents(self.total_cents),
            period: Period { start: self.period_start.into(), end: self.period_end.into() },
            issued_at: self.issued_at.into(),
            paid_at: self.paid_at.map(Timestamp::from),
            id: self.id,
            number: self.number,
            status: self.status,
            lines,
        })
    }
}

/// One invoice of the tenant.
pub async fn invoice_view(db: &Db, tenant: &TenantId, id: &str) -> Result<InvoiceView, ApiError> {
    let row: Option<InvoiceRow> = sqlx::query_as("SELECT * FROM invoices WHERE tenant_id = $1 AND id = $2")
        .bind(&tenant.0)
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.ok_or_else(|| ApiError::not_found("invoice"))?.view(db, tenant).await
}

/// The tenant's invoices, newest first.
pub async fn invoices(db: &Db, tenant: &TenantId, limit: i64, offset: i64) -> Result<(Vec<InvoiceView>, i64), ApiError> {
    let rows: Vec<InvoiceRow> = sqlx::query_as("SELECT * FROM invoices WHERE tenant_id = $1 ORDER BY number DESC LIMIT $2 OFFSET $3")
        .bind(&tenant.0)
        .bind(limit)
        .bind(offset)
        .fetch_all(db.pool())
        .await?;
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invoices WHERE tenant_id = $1").bind(&tenant.0).fetch_one(db.pool()).await?;
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        views.push(row.view(db, tenant).await?);
    }
    Ok((views, total))
}
