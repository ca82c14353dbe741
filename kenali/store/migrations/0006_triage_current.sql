-- The inbox's current label of each comment, one row per (platform, platform_comment_id): the
-- newest model decision overlaid with the team's newest correction of each field, the work
-- state, the comment and post fields the inbox shows, and when the account first replied.
-- Every writer of the tables it comes from keeps it (kenali/store/triage_current.py), so the
-- inbox's queues and counts read one keyed table instead of recomputing it per request.

CREATE TABLE triage_current (
    platform VARCHAR NOT NULL,
    platform_comment_id VARCHAR NOT NULL,
    account_id INTEGER,
    account VARCHAR,                    -- the account's handle
    platform_post_id VARCHAR,
    post_permalink VARCHAR,
    parent_comment_id VARCHAR,
    author_handle VARCHAR,
    text VARCHAR NOT NULL,
    created_at TIMESTAMPTZ,
    like_count BIGINT,
    hidden BOOLEAN,
    intent VARCHAR NOT NULL,            -- current labels: the newest correction, else the model's
    urgent BOOLEAN NOT NULL,
    tos_category VARCHAR,
    topic VARCHAR,
    action VARCHAR NOT NULL,            -- the queue
    confidence DOUBLE,
    explanation JSON,
    cluster_id VARCHAR,
    model_version VARCHAR NOT NULL,
    model_intent VARCHAR NOT NULL,      -- the model's labels, before corrections
    corrected_at TIMESTAMPTZ,
    corrected_by VARCHAR,
    status VARCHAR NOT NULL,            -- open | done
    assigned_to VARCHAR,
    note VARCHAR,
    replied_at TIMESTAMPTZ,             -- the account's first reply to the comment
    model_urgent BOOLEAN NOT NULL,
    model_tos_category VARCHAR,
    model_topic VARCHAR,
    model_action VARCHAR NOT NULL,
    PRIMARY KEY (platform, platform_comment_id)
);

-- Ordered by queue so that a queue's rows sit together (DuckDB skips row groups by their ranges).
INSERT INTO triage_current BY NAME
SELECT * FROM (
WITH latest AS (
    -- The newest model decision per comment (a grouped arg_max is cheaper than a window).
    SELECT platform, platform_comment_id, arg_max(model_version, decided_at) AS model_version
    FROM triage_decisions GROUP BY ALL),
d AS (SELECT t.*, t.intent AS model_intent, t.urgent AS model_urgent,
             t.tos_category AS model_tos_category, t.topic AS model_topic, t.action AS model_action
      FROM triage_decisions t JOIN latest USING (platform, platform_comment_id, model_version)),
f AS (
    SELECT platform, platform_comment_id,
      arg_max(intent, corrected_at) FILTER (WHERE intent IS NOT NULL) AS intent,
      arg_max(urgent, corrected_at) FILTER (WHERE urgent IS NOT NULL) AS urgent,
      arg_max(tos_category, corrected_at) FILTER (WHERE tos_category IS NOT NULL) AS tos_category,
      arg_max(topic, corrected_at) FILTER (WHERE topic IS NOT NULL) AS topic,
      arg_max(action, corrected_at) FILTER (WHERE action IS NOT NULL) AS action,
      max(corrected_at) AS corrected_at, arg_max(corrected_by, corrected_at) AS corrected_by
    FROM triage_corrections GROUP BY ALL),
-- Instagram comment tools name a post by its shortcode, Meta's exports by its media id (one
-- permalink per shortcode, so a post exported twice cannot double its comments).
sc AS (
    SELECT platform, shortcode, min(permalink) AS permalink FROM (
        SELECT platform, permalink, regexp_extract(permalink, '/(?:p|reel|reels|tv)/([^/?]+)', 1) AS shortcode
        FROM posts WHERE permalink IS NOT NULL)
    WHERE shortcode <> '' GROUP BY ALL),
replies AS (
    -- When the account itself first answered the comment.
    SELECT r.platform, r.parent_comment_id, min(r.created_at) AS replied_at
    FROM comments r JOIN accounts a ON a.account_id = r.account_id
    WHERE r.parent_comment_id IS NOT NULL AND r.author_handle = a.handle
    GROUP BY 1, 2)
SELECT c.platform, c.platform_comment_id, c.account_id, a.handle AS account, c.platform_post_id,
  coalesce(p.permalink, sc.permalink) AS post_permalink, c.parent_comment_id, c.author_handle, c.text,
  c.created_at, c.like_count, c.hidden,
  coalesce(f.intent, d.model_intent) AS intent,
  coalesce(f.urgent, d.model_urgent) AS urgent,
  CASE WHEN f.intent IS NOT NULL AND f.tos_category IS NULL THEN NULL
       ELSE coalesce(f.tos_category, d.model_tos_category) END AS tos_category,
  coalesce(f.topic, d.model_topic) AS topic, coalesce(f.action, d.model_action) AS action,
  f.corrected_at AS corrected_at, f.corrected_by AS corrected_by,
  coalesce(w.status, 'open') AS status, w.assigned_to AS assigned_to, w.note AS note,
  d.confidence, d.explanation, d.cluster_id, d.model_version, d.model_intent, d.model_urgent,
  d.model_tos_category, d.model_topic, d.model_action, replies.replied_at
FROM comments c
JOIN d USING (platform, platform_comment_id)
LEFT JOIN f USING (platform, platform_comment_id)
LEFT JOIN triage_work w USING (platform, platform_comment_id)
LEFT JOIN accounts a ON a.account_id = c.account_id
LEFT JOIN posts p ON p.platform = c.platform AND p.platform_post_id = c.platform_post_id
LEFT JOIN sc ON sc.platform = c.platform AND sc.shortcode = c.platform_post_id
LEFT JOIN replies ON replies.platform = c.platform AND replies.parent_comment_id = c.platform_comment_id
WHERE c.author_handle IS DISTINCT FROM a.handle
) ORDER BY action, created_at;
