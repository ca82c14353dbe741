-- Web dashboard: local users, sessions, settings and the audit log of every action.

CREATE SEQUENCE user_seq START 1;
CREATE TABLE users (
    user_id INTEGER PRIMARY KEY DEFAULT nextval('user_seq'),
    username VARCHAR NOT NULL UNIQUE,
    display_name VARCHAR,
    password_hash VARCHAR NOT NULL,     -- argon2id
    role VARCHAR NOT NULL,              -- admin, analyst, viewer
    locale VARCHAR NOT NULL DEFAULT 'id',
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

CREATE TABLE sessions (
    token_hash VARCHAR PRIMARY KEY,     -- sha256 of the cookie value; the value itself is never stored
    user_id INTEGER NOT NULL,
    csrf_token VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE settings (
    key VARCHAR PRIMARY KEY,
    value JSON NOT NULL
);

CREATE SEQUENCE audit_seq START 1;
CREATE TABLE audit_log (
    audit_id BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
    logged_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    user_id INTEGER,
    action VARCHAR NOT NULL,
    target VARCHAR,
    detail JSON
);
