-- Sign-in throttling (src/sign_in.rs): the attempts of the last window, the addresses each
-- account has signed in from, and one row per account or address that serializes the
-- decisions about it across servers.

-- An attempt that reached the password check; it is deleted when it succeeded, so what stays
-- is a failure (or one still being checked, which counts as one until it is known).
CREATE TABLE sign_in_attempts (
    id TEXT PRIMARY KEY,
    -- `user:<subdomain>:<e-mail>` or `operator:<e-mail>`, whether or not such an account exists.
    account TEXT NOT NULL,
    address TEXT NOT NULL,
    -- 1 when the account had signed in from this address before.
    known BIGINT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_attempts_account ON sign_in_attempts (account, at);
CREATE INDEX sign_in_attempts_address ON sign_in_attempts (address, at);
CREATE INDEX sign_in_attempts_at ON sign_in_attempts (at);

CREATE TABLE sign_in_addresses (
    account TEXT NOT NULL,
    address TEXT NOT NULL,
    last_at BIGINT NOT NULL,
    PRIMARY KEY (account, address)
);

-- Written first in each decision's transaction: PostgreSQL then holds the row's lock until
-- the transaction ends, so two servers cannot both let the tenth attempt through.
CREATE TABLE sign_in_locks (
    name TEXT PRIMARY KEY,
    at BIGINT NOT NULL
);
