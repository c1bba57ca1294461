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
        let state = match self.status.as_str() {
            "trialing" => State::Trialing { ends_at: trial_ends_at },
            "active" => State::Billing { period: period()?, standing: Standing::Good },
            "past_due" => State::Billing { period: period()?, standing: Standing::PastDue { since: past_due()? } },
            "suspended" => State::Billing {
                period: period()?,
                standing: Standing::Suspended {
                    past_due_since: past_due()?,
                    since: self.suspended_at.map(Timestamp::from).ok_or_else(|| corrupt(tenant, "suspended without a date"))?,
                },
            },
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
    let (period, past_due_since, suspended_at) = match s.state {
        State::Trialing { .. } => (None, None, None),
        State::Billing { period, standing } => match standing {
            Standing::Good => (Some(period), None, None),
            Standing::PastDue { since } => (Some(period), Some(since), None),
            Standing::Suspended { past_due_since, since } => (Some(period), Some(past_due_since), Some(since)),
        },
    };
    let done = sqlx::query(
        "UPDATE subscriptions SET plan = $3, cycle = $4, status = $5, period_start = $6, period_end = $7, past_due_since = $8, \
         suspended_at = $9, negotiated_monthly_cents = $10, credit_cents = $11, invoices_issued = $12, version = version + 1 \
         WHERE tenant_id = $1 AND version = $2",
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
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// What `tenant` uses now: students on record, and the bytes of its timetable versions and jobs.
pub async fn usage(db: &Db, tenant: &TenantId) -> Result<Usage, ApiError> {
    let mut tx = db.pool().begin().await?;
    let usage = measure(&mut tx, tenant).await?;
    tx.commit().await?;
    Ok(usage)
}

async fn measure(tx: &mut Transaction<'_, Any>, tenant: &TenantId) -> Result<Usage, ApiError> {
    let students: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM students WHERE tenant_id = $1").bind(&tenant.0).fetch_one(&mut **tx).await?;
    let versions: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(LENGTH(problem) + LENGTH(timetable)), 0) AS BIGINT) FROM timetable_versions WHERE tenant_id = $1",
    )
    .bind(&tenant.0)
    .fetch_one(&mut **tx)
    .await?;
    let jobs: i64 = sqlx::query_scalar("SELECT CAST(COALESCE(SUM(LENGTH(problem)), 0) AS BIGINT) FROM jobs WHERE tenant_id = $1")
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
) -> Result<String, ApiError> {
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
        .bind(i64::try_from(position).map_err(ApiError::internal)?)
        .bind(&line.description)
        .bind(line.quantity)
        .bind(line.unit_cents.0)
        .bind(line.amount_cents.0)
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

/// Runs `change` on the tenant's subscription, brought up to `now` first, and issues the invoices
/// it returns, all in one transaction; retried when another writer got there first. Returns the
/// ids of the invoices issued, oldest first, and what `change` returned.
async fn transact<T>(
    db: &Db,
    tenant: &TenantId,
    now: Timestamp,
    mut change: impl FnMut(&mut Subscription, &mut Transaction<'_, Any>) -> Result<(Vec<Draft>, T), ApiError>,
) -> Result<(Vec<String>, T), ApiError> {
    for _ in 0..RETRIES {
        let mut tx = db.write().await?;
        let mut stored = load(&mut tx, tenant).await?;
        let usage = measure(&mut tx, tenant).await?;
        let mut drafts = stored.subscription.advance(now, usage);
        let (more, out) = change(&mut stored.subscription, &mut tx)?;
        drafts.extend(more);
        let mut ids = Vec::with_capacity(drafts.len());
        for draft in &drafts {
            ids.push(issue(&mut tx, tenant, &mut stored, draft, now).await?);
        }
        if save(&mut tx, tenant, &stored).await? {
            tx.commit().await?;
            return Ok((ids, out));
        }
        tx.rollback().await?;
    }
    Err(ApiError::conflict("the subscription is being changed by someone else at the same time; try again"))
}

/// Brings the tenant's subscription up to `now`: the invoices due are issued, and a school whose
/// grace period is over is suspended. Returns the ids of the invoices issued.
pub async fn advance(db: &Db, tenant: &TenantId, now: Timestamp) -> Result<Vec<String>, ApiError> {
    Ok(transact(db, tenant, now, |_, _| Ok((Vec::new(), ()))).await?.0)
}

/// Changes the tenant's plan at `now`; returns the id of the invoice of the change, if one is due
/// (none during the trial).
pub async fn change_plan(db: &Db, tenant: &TenantId, choice: PlanChoice, now: Timestamp) -> Result<Option<String>, ApiError> {
    let (ids, invoiced) = transact(db, tenant, now, |s, _| {
        let draft = s.change(choice, now).map_err(|e: ChangeError| ApiError::invalid_field("negotiated_monthly_cents", e.to_string()))?;
        let invoiced = draft.is_some();
        Ok((draft.into_iter().collect(), invoiced))
    })
    .await?;
    // The change's invoice comes after any the advance to `now` issued.
    Ok(if invoiced { ids.last().cloned() } else { None })
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
}

/// Brings every tenant's subscription up to `now`.
pub async fn run_billing(db: &Db, now: Timestamp) -> Result<BillingRun, ApiError> {
    let tenants: Vec<String> = sqlx::query_scalar("SELECT tenant_id FROM subscriptions ORDER BY tenant_id").fetch_all(db.pool()).await?;
    let mut run = BillingRun { tenants: tenants.len(), ..BillingRun::default() };
    for tenant in tenants {
        let tenant = TenantId(tenant);
        run.invoices_issued += advance(db, &tenant, now).await?.len();
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

/// Records the payment provider's report on invoice `invoice` at `now`: a success pays it (and,
/// once no failed invoice is left, lifts a grace period or a suspension); a failure starts the
/// grace period.
pub async fn record_payment(db: &Db, invoice: &str, outcome: Outcome, now: Timestamp) -> Result<InvoiceView, ApiError> {
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT tenant_id, status FROM invoices WHERE id = $1").bind(invoice).fetch_optional(db.pool()).await?;
    let (tenant, status) = found.ok_or_else(|| ApiError::not_found("invoice"))?;
    if status != "open" && status != "failed" {
        return Err(ApiError::conflict(format!("invoice {invoice} is {status}: there is nothing to pay")));
    }
    let tenant = TenantId(tenant);
    transact(db, &tenant, now, |subscription, _| {
        match outcome {
            Outcome::Failed => subscription.payment_failed(now),
            // Settled below, once the invoice is marked paid and no failed one remains.
            Outcome::Succeeded => {}
        }
        Ok((Vec::new(), ()))
    })
    .await?;
    let mut tx = db.write().await?;
    sqlx::query("INSERT INTO payments (tenant_id, id, invoice_id, outcome, at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&tenant.0)
        .bind(new_id("pay"))
        .bind(invoice)
        .bind(match outcome {
            Outcome::Succeeded => "succeeded",
            Outcome::Failed => "failed",
        })
        .bind(now.millis())
        .execute(&mut *tx)
        .await?;
    match outcome {
        Outcome::Succeeded => {
            sqlx::query("UPDATE invoices SET status = 'paid', paid_at = $3 WHERE tenant_id = $1 AND id = $2")
                .bind(&tenant.0)
                .bind(invoice)
                .bind(now.millis())
                .execute(&mut *tx)
                .await?
        }
        Outcome::Failed => {
            sqlx::query("UPDATE invoices SET status = 'failed' WHERE tenant_id = $1 AND id = $2")
                .bind(&tenant.0)
                .bind(invoice)
                .execute(&mut *tx)
                .await?
        }
    };
    tx.commit().await?;
    if outcome == Outcome::Succeeded {
        let failed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invoices WHERE tenant_id = $1 AND status = 'failed'")
            .bind(&tenant.0)
            .fetch_one(db.pool())
            .await?;
        if failed == 0 {
            transact(db, &tenant, now, |subscription, _| {
                subscription.payments_settled();
                Ok((Vec::new(), ()))
            })
            .await?;
        }
    }
    invoice_view(db, &tenant, invoice).await
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
    let mut tx = db.pool().begin().await?;
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
        State::Billing { period, standing } => match standing {
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
    /// `open` (awaiting payment), `paid`, `failed` (a payment was declined) or `credited` (its
    /// negative total went to the school's credit).
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
