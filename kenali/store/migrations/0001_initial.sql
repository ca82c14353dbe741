-- The canonical store: every platform's exports map onto these tables.
-- A metric a source does not give is NULL, never 0.

CREATE SEQUENCE institution_seq START 1;
CREATE TABLE institutions (
    institution_id INTEGER PRIMARY KEY DEFAULT nextval('institution_seq'),
    name VARCHAR NOT NULL UNIQUE,
    region VARCHAR,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE account_seq START 1;
CREATE TABLE accounts (
    account_id INTEGER PRIMARY KEY DEFAULT nextval('account_seq'),
    platform VARCHAR NOT NULL,          -- instagram, facebook, tiktok, x, youtube
    handle VARCHAR NOT NULL,            -- without leading @
    platform_account_id VARCHAR,
    display_name VARCHAR,
    institution_id INTEGER,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    UNIQUE (platform, handle)
);

CREATE SEQUENCE import_seq START 1;
CREATE TABLE imports (
    import_id INTEGER PRIMARY KEY DEFAULT nextval('import_seq'),
    file_name VARCHAR NOT NULL,
    member VARCHAR,                     -- path inside a zip, if any
    sha256 VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    account_id INTEGER,
    rows_read BIGINT NOT NULL DEFAULT 0,
    rows_written BIGINT NOT NULL DEFAULT 0,
    rows_skipped BIGINT NOT NULL DEFAULT 0,
    skipped_reasons JSON,               -- {"reason": count}
    skipped_rows JSON,                  -- first skipped rows: [{"line": n, "reason": "..."}]
    warnings JSON,                      -- ["..."]
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    UNIQUE (sha256, format)
);

-- Every imported row as read, so a corrected mapper can re-process an import without the file.
CREATE TABLE raw_records (
    import_id INTEGER NOT NULL,
    row_number BIGINT NOT NULL,         -- 1-based line or item number in the source
    record JSON NOT NULL,
    PRIMARY KEY (import_id, row_number)
);

-- Each overwritten value, so a merge never loses history in silence.
CREATE TABLE changes (
    import_id INTEGER NOT NULL,
    table_name VARCHAR NOT NULL,
    row_key VARCHAR NOT NULL,
    column_name VARCHAR NOT NULL,
    old_value VARCHAR,
    new_value VARCHAR
);

-- Account-level daily series in long form.
CREATE TABLE account_daily (
    account_id INTEGER NOT NULL,
    date DATE NOT NULL,
    metric VARCHAR NOT NULL,            -- followers, follows, unfollows, reach, views, ...
    value DOUBLE,
    observed_at TIMESTAMPTZ NOT NULL,   -- when the source was exported (newest wins)
    import_id INTEGER NOT NULL,
    PRIMARY KEY (account_id, date, metric)
);

-- Follower counts as seen at a moment, so growth history exists where a platform keeps none.
CREATE TABLE follower_snapshots (
    account_id INTEGER NOT NULL,
    observed_at TIMESTAMPTZ NOT NULL,
    followers BIGINT NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (account_id, observed_at)
);

-- Audience distributions as dated snapshots.
CREATE TABLE audience (
    account_id INTEGER NOT NULL,
    snapshot_date DATE NOT NULL,
    audience_kind VARCHAR NOT NULL,     -- followers, engaged, viewers
    dimension VARCHAR NOT NULL,         -- age, gender, age_gender, city, country, territory
    bucket VARCHAR NOT NULL,            -- '18-24', 'female', '18-24|female', 'Jakarta', 'ID'
    value DOUBLE NOT NULL,
    unit VARCHAR NOT NULL,              -- share (0..1) or count
    observed_at TIMESTAMPTZ NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (account_id, snapshot_date, audience_kind, dimension, bucket)
);

-- Followers active by hour (TikTok FollowerActivity; Instagram online_followers).
CREATE TABLE follower_activity (
    account_id INTEGER NOT NULL,
    date DATE NOT NULL,
    hour SMALLINT NOT NULL,             -- 0..23, account's local time
    active_followers DOUBLE,
    observed_at TIMESTAMPTZ NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (account_id, date, hour)
);

CREATE TABLE posts (
    platform VARCHAR NOT NULL,
    platform_post_id VARCHAR NOT NULL,
    account_id INTEGER NOT NULL,
    published_at TIMESTAMPTZ,
    post_type VARCHAR,                  -- reel, video, image, carousel, story, text, live, short
    title VARCHAR,
    caption VARCHAR,
    permalink VARCHAR,
    hashtags VARCHAR[],
    mentions VARCHAR[],
    is_collab BOOLEAN,
    duration_s DOUBLE,
    observed_at TIMESTAMPTZ NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (platform, platform_post_id)
);

-- Post metrics as observed: 'lifetime' totals as of a date, or one 'day' of a daily breakdown.
CREATE TABLE post_metrics (
    platform VARCHAR NOT NULL,
    platform_post_id VARCHAR NOT NULL,
    period VARCHAR NOT NULL,            -- lifetime | day
    as_of DATE NOT NULL,                -- lifetime: date observed; day: the day measured
    reach DOUBLE,
    reach_followers DOUBLE,
    reach_non_followers DOUBLE,
    views DOUBLE,
    likes DOUBLE,
    comments DOUBLE,
    shares DOUBLE,
    saves DOUBLE,
    follows DOUBLE,
    profile_visits DOUBLE,
    link_clicks DOUBLE,
    interactions DOUBLE,
    watch_time_s DOUBLE,
    avg_watch_time_s DOUBLE,
    completion_rate DOUBLE,
    observed_at TIMESTAMPTZ NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (platform, platform_post_id, period, as_of)
);

CREATE TABLE comments (
    platform VARCHAR NOT NULL,
    platform_comment_id VARCHAR NOT NULL,
    account_id INTEGER,
    platform_post_id VARCHAR,
    parent_comment_id VARCHAR,
    author_handle VARCHAR,
    author_id VARCHAR,
    text VARCHAR NOT NULL,
    created_at TIMESTAMPTZ,
    like_count BIGINT,
    hidden BOOLEAN,
    observed_at TIMESTAMPTZ NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (platform, platform_comment_id)
);

CREATE TABLE followers (
    account_id INTEGER NOT NULL,
    handle VARCHAR NOT NULL,
    platform_user_id VARCHAR,
    name VARCHAR,
    bio VARCHAR,
    followers_count BIGINT,
    following_count BIGINT,
    posts_count BIGINT,
    is_private BOOLEAN,
    is_verified BOOLEAN,
    has_picture BOOLEAN,
    first_seen TIMESTAMPTZ,             -- set from observed_at by the writer
    last_seen TIMESTAMPTZ,
    observed_at TIMESTAMPTZ NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (account_id, handle)
);
