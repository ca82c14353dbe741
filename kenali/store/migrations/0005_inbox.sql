-- The triage inbox: who handles a comment, whether it is done, and the team's notes.

CREATE TABLE triage_work (
    platform VARCHAR NOT NULL,
    platform_comment_id VARCHAR NOT NULL,
    assigned_to VARCHAR,                -- a user name
    status VARCHAR NOT NULL DEFAULT 'open',  -- open | done
    note VARCHAR,
    updated_by VARCHAR NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    done_at TIMESTAMPTZ,
    PRIMARY KEY (platform, platform_comment_id)
);
