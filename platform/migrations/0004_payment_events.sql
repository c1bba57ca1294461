-- The payment provider's signed events (src/billing/webhook.rs), each applied at most once:
-- its id is the key, and the row is written in the transaction that applies it.
CREATE TABLE payment_events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    invoice_id TEXT NOT NULL,
    tenant_id TEXT,
    -- When the provider made it (milliseconds), and when it arrived.
    created_at BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    -- `applied`, or `ignored: <why>`.
    result TEXT NOT NULL
);

-- What a payment moved: the invoice's total for a success, the amount for a refund (none for a
-- failure, and for payments operators recorded before amounts were kept); and the event it came from.
ALTER TABLE payments ADD COLUMN amount_cents BIGINT;
ALTER TABLE payments ADD COLUMN event_id TEXT;
