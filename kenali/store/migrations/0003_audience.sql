-- Audience relevance: the population each account serves, and each follower's quality class.

-- The target profile of an account: a shipped id ('dki-jakarta', 'indonesia') or a file path.
CREATE TABLE audience_targets (
    account_id INTEGER PRIMARY KEY,
    profile VARCHAR NOT NULL,
    set_at TIMESTAMPTZ NOT NULL
);

-- One row per follower of a follower list: the class, the rule that decided it, and the segment.
CREATE TABLE follower_quality (
    account_id INTEGER NOT NULL,
    handle VARCHAR NOT NULL,
    quality_class VARCHAR NOT NULL,     -- genuine, suspicious, mass_follower, inactive, influencer, organisation, unknown
    rule VARCHAR NOT NULL,              -- the rule key that decided the class
    suspicion_points INTEGER NOT NULL,
    features JSON NOT NULL,             -- the values the rules read
    segment VARCHAR NOT NULL,           -- media, government, business, community, resident
    segment_evidence VARCHAR,           -- the word in the name or bio that decided the segment
    rules_version VARCHAR NOT NULL,
    classified_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, handle)
);
