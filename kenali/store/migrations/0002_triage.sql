-- Comment triage: model decisions (one per comment and model version), the team's corrections
-- (who changed what, when), and recurring-issue clusters.

CREATE TABLE triage_decisions (
    platform VARCHAR NOT NULL,
    platform_comment_id VARCHAR NOT NULL,
    model_version VARCHAR NOT NULL,
    intent VARCHAR NOT NULL,            -- pertanyaan, keluhan_layanan, kritik, perundungan, spam, apresiasi, lainnya
    urgent BOOLEAN NOT NULL,
    tos_category VARCHAR,               -- only for perundungan / spam
    action VARCHAR NOT NULL,            -- balas_cepat, buat_postingan, amati, laporkan, sembunyikan, terima_kasih, abaikan
    actions JSON,                       -- every suggested action, in order
    priority INTEGER,                   -- 1 = urgent first
    confidence DOUBLE,
    topic VARCHAR,
    sentiment VARCHAR,
    cluster_id VARCHAR,
    explanation JSON,
    decided_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (platform, platform_comment_id, model_version)
);

CREATE SEQUENCE triage_correction_seq START 1;
CREATE TABLE triage_corrections (
    correction_id BIGINT PRIMARY KEY DEFAULT nextval('triage_correction_seq'),
    platform VARCHAR NOT NULL,
    platform_comment_id VARCHAR NOT NULL,
    model_version VARCHAR,              -- the decision that was corrected
    intent VARCHAR,                     -- corrected labels; NULL = unchanged
    urgent BOOLEAN,
    tos_category VARCHAR,
    topic VARCHAR,
    action VARCHAR,
    note VARCHAR,
    corrected_by VARCHAR NOT NULL,
    corrected_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

CREATE TABLE triage_clusters (
    cluster_id VARCHAR PRIMARY KEY,
    account_id INTEGER,
    label VARCHAR NOT NULL,             -- named by its keywords
    keywords JSON,
    size INTEGER NOT NULL,
    first_at TIMESTAMPTZ,
    last_at TIMESTAMPTZ,
    per_day DOUBLE,                     -- velocity: members per day within the window
    model_version VARCHAR,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
