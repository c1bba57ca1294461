//! Billing over HTTP: a school admin's view of the subscription and invoices and their plan
//! changes; the operators' billing run, payment reports and Enterprise prices.

use axum::extract::{Path, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::invoice::PlanChoice;
use super::store::{self, BillingRun, InvoiceView, Outcome, SubscriptionView};
use super::{Cents, Cycle, Plan};
use crate::api::{Body, PageParams, Paginated, Params};
use crate::app::AppState;
use crate::auth::{Admin, Editor, OperatorAuth};
use crate::error::{ApiError, ErrorBody};
use crate::tenant::{school, TenantId};

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_subscription))
        .routes(routes!(change_plan))
        .routes(routes!(list_invoices))
        .routes(routes!(get_invoice))
        .routes(routes!(run_billing))
        .routes(routes!(report_payment))
        .routes(routes!(set_tenant_plan))
}

/// The school's subscription: plan, status, current period, usage and limits.
#[utoipa::path(get, path = "/billing", tag = "billing", security(("bearer" = [])),
    responses((status = 200, body = SubscriptionView), (status = 403, body = ErrorBody)))]
async fn get_subscription(State(state): State<AppState>, Admin(member): Admin) -> Result<Json<SubscriptionView>, ApiError> {
    Ok(Json(store::subscription_view(state.db(), &member.tenant, state.now()).await?))
}

/// A plan to change to.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanRequest {
    /// `basic` or `standard`; `enterprise` is arranged with the platform's staff.
    pub plan: Plan,
    /// `monthly` or `yearly`.
    pub cycle: Cycle,
}

/// The subscription after a change, and the invoice of the change when one was issued.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanChanged {
    /// The subscription now.
    pub subscription: SubscriptionView,
    /// The invoice crediting the unused part of the old plan and charging the new one; none
    /// during the trial.
    pub invoice: Option<InvoiceView>,
}

async fn apply(state: &AppState, tenant: &TenantId, choice: PlanChoice) -> Result<PlanChanged, ApiError> {
    let invoice = store::change_plan(state.db(), tenant, choice, state.now()).await?;
    let invoice = match invoice {
        Some(id) => Some(store::invoice_view(state.db(), tenant, &id).await?),
        None => None,
    };
    Ok(PlanChanged { subscription: store::subscription_view(state.db(), tenant, state.now()).await?, invoice })
}

/// Changes the plan or the billing cycle, prorated to the day.
#[utoipa::path(put, path = "/billing/plan", tag = "billing", security(("bearer" = [])), request_body = PlanRequest,
    responses((status = 200, body = PlanChanged), (status = 402, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn change_plan(
    State(state): State<AppState>,
    Editor(member): Editor,
    Body(input): Body<PlanRequest>,
) -> Result<Json<PlanChanged>, ApiError> {
    if input.plan == Plan::Enterprise {
        return Err(ApiError::invalid_field("plan", "enterprise is arranged with the platform's staff"));
    }
    Ok(Json(apply(&state, &member.tenant, PlanChoice { plan: input.plan, cycle: input.cycle, negotiated: None }).await?))
}

/// The school's invoices, newest first.
#[utoipa::path(get, path = "/billing/invoices", tag = "billing", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = Paginated<InvoiceView>), (status = 403, body = ErrorBody)))]
async fn list_invoices(
    State(state): State<AppState>,
    Admin(member): Admin,
    Params(page): Params<PageParams>,
) -> Result<Json<Paginated<InvoiceView>>, ApiError> {
    let page = page.page()?;
    let (items, total) = store::invoices(state.db(), &member.tenant, page.limit, page.offset).await?;
    Ok(Json(Paginated::new(items, total, page)))
}

/// One invoice with its lines.
#[utoipa::path(get, path = "/billing/invoices/{id}", tag = "billing", security(("bearer" = [])),
    params(("id" = String, Path, description = "the invoice's id")),
    responses((status = 200, body = InvoiceView), (status = 404, body = ErrorBody)))]
async fn get_invoice(State(state): State<AppState>, Admin(member): Admin, Path(id): Path<String>) -> Result<Json<InvoiceView>, ApiError> {
    Ok(Json(store::invoice_view(state.db(), &member.tenant, &id).await?))
}

/// Brings every subscription up to now: issues the invoices due and suspends schools whose grace
/// period is over. The server also does this by itself every minute.
#[utoipa::path(post, path = "/operator/billing/run", tag = "operator", security(("bearer" = [])),
    responses((status = 200, body = BillingRun), (status = 403, body = ErrorBody)))]
async fn run_billing(State(state): State<AppState>, _: OperatorAuth) -> Result<Json<BillingRun>, ApiError> {
    Ok(Json(store::run_billing(state.db(), state.now()).await?))
}

/// The payment provider's report on an invoice.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentReport {
    /// How the payment went.
    pub outcome: Outcome,
}

/// Records how a payment of an invoice went: a failure starts the 7-day grace period, a success
/// pays the invoice and, once no failed invoice is left, lifts a suspension.
#[utoipa::path(post, path = "/operator/invoices/{id}/payments", tag = "operator", security(("bearer" = [])),
    params(("id" = String, Path, description = "the invoice's id")), request_body = PaymentReport,
    responses((status = 200, body = InvoiceView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "nothing to pay")))]
async fn report_payment(
    State(state): State<AppState>,
    _: OperatorAuth,
    Path(id): Path<String>,
    Body(input): Body<PaymentReport>,
) -> Result<Json<InvoiceView>, ApiError> {
    Ok(Json(store::record_payment(state.db(), &id, input.outcome, state.now()).await?))
}

/// A plan an operator sets, Enterprise included.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OperatorPlanRequest {
    /// The plan.
    pub plan: Plan,
    /// `monthly` or `yearly`.
    pub cycle: Cycle,
    /// The negotiated monthly price of an Enterprise plan, in cents.
    #[serde(default)]
    pub negotiated_monthly_cents: Option<i64>,
}

/// Sets a school's plan, Enterprise with its negotiated price included; prorated like a school's own change.
#[utoipa::path(put, path = "/operator/tenants/{id}/plan", tag = "operator", security(("bearer" = [])),
    params(("id" = String, Path, description = "the tenant's id")), request_body = OperatorPlanRequest,
    responses((status = 200, body = PlanChanged), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn set_tenant_plan(
    State(state): State<AppState>,
    _: OperatorAuth,
    Path(id): Path<String>,
    Body(input): Body<OperatorPlanRequest>,
) -> Result<Json<PlanChanged>, ApiError> {
    let tenant = TenantId(id);
    school(state.db(), &tenant).await?;
    if let Some(cents) = input.negotiated_monthly_cents {
        if !(0..=100_000_000_000).contains(&cents) {
            return Err(ApiError::invalid_field("negotiated_monthly_cents", "must be between 0 and 100000000000 cents"));
        }
    }
    let choice = PlanChoice { plan: input.plan, cycle: input.cycle, negotiated: input.negotiated_monthly_cents.map(Cents) };
    Ok(Json(apply(&state, &tenant, choice).await?))
}
