/**
 * Numbered schema migrations: index i brings user_version i to i+1.
 * Never edit a released migration; append a new one.
 * Times are epoch milliseconds (INTEGER) unless the column name says otherwise.
 */
export const migrations: string[] = [
  // 1: core tables
  `
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    platform TEXT NOT NULL DEFAULT 'whatnot',
    url TEXT,
    host_username TEXT,
    is_active INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX accounts_one_active ON accounts(is_active) WHERE is_active = 1;

  CREATE TABLE settings (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    json TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE app_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
  );

  CREATE TABLE rate_limits (
    key_id TEXT NOT NULL,
    window TEXT NOT NULL,
    window_start INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (key_id, window)
  );

  CREATE TABLE giveaway_rounds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    opened_at INTEGER NOT NULL,
    cleared_at INTEGER
  );
  CREATE INDEX giveaway_rounds_open ON giveaway_rounds(account_id, cleared_at);

  CREATE TABLE giveaway_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES giveaway_rounds(id) ON DELETE CASCADE,
    account_id TEXT NOT NULL,
    username TEXT NOT NULL,
    user_key TEXT NOT NULL,
    text TEXT,
    source TEXT NOT NULL DEFAULT 'chat',
    entered_at INTEGER NOT NULL
  );
  CREATE INDEX giveaway_entries_round ON giveaway_entries(round_id, id);
  CREATE INDEX giveaway_entries_user ON giveaway_entries(round_id, user_key);

  CREATE TABLE giveaway_draws (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    round_id INTEGER NOT NULL REFERENCES giveaway_rounds(id) ON DELETE CASCADE,
    count INTEGER NOT NULL,
    winners TEXT NOT NULL,
    entries_snapshot TEXT NOT NULL,
    method TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX giveaway_draws_account ON giveaway_draws(account_id, created_at);

  CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    cause TEXT NOT NULL,
    status TEXT NOT NULL,
    not_before INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
  );
  CREATE INDEX messages_queue ON messages(account_id, status, not_before);

  CREATE TABLE chat_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    direction TEXT NOT NULL,
    cause TEXT,
    username TEXT,
    text TEXT NOT NULL,
    row_key TEXT,
    trigger TEXT,
    message_id TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX chat_events_time ON chat_events(account_id, created_at);
  CREATE INDEX chat_events_cause ON chat_events(account_id, direction, cause, created_at);
  CREATE INDEX chat_events_trigger ON chat_events(account_id, trigger) WHERE trigger IS NOT NULL;

  CREATE TABLE webhooks (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    previous_secret TEXT,
    previous_secret_expires_at INTEGER,
    active INTEGER NOT NULL DEFAULT 1,
    disabled_reason TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    delivered_at INTEGER,
    UNIQUE (webhook_id, event_id)
  );
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);

  CREATE TABLE webhook_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    status_code INTEGER,
    latency_ms INTEGER,
    error TEXT,
    at INTEGER NOT NULL
  );
  CREATE INDEX webhook_attempts_delivery ON webhook_attempts(delivery_id);
  `,
  // 2: webhooks - failure streak start (auto-disable), response excerpts, per-endpoint queue and log indexes
  `
  ALTER TABLE webhooks ADD COLUMN failing_since INTEGER;
  ALTER TABLE webhook_attempts ADD COLUMN response_body TEXT;
  CREATE INDEX webhook_deliveries_endpoint_due ON webhook_deliveries(webhook_id, status, next_attempt_at);
  CREATE INDEX webhook_deliveries_log ON webhook_deliveries(webhook_id, id);
  `,
  // 3: analytics rollups kept by triggers, so a summary reads hours and days instead of every chat line
  `
  CREATE TABLE chat_stats_hourly (
    account_id TEXT NOT NULL,
    hour INTEGER NOT NULL,
    direction TEXT NOT NULL,
    cause TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (account_id, direction, hour, cause)
  ) WITHOUT ROWID;
  CREATE TABLE chat_chatters_daily (
    account_id TEXT NOT NULL,
    day INTEGER NOT NULL,
    username TEXT NOT NULL,
    PRIMARY KEY (account_id, day, username)
  ) WITHOUT ROWID;
  INSERT INTO chat_stats_hourly (account_id, hour, direction, cause, n)
    SELECT account_id, created_at / 3600000, direction, COALESCE(cause, ''), COUNT(*) FROM chat_events
    GROUP BY account_id, created_at / 3600000, direction, COALESCE(cause, '');
  INSERT OR IGNORE INTO chat_chatters_daily (account_id, day, username)
    SELECT DISTINCT account_id, created_at / 86400000, username FROM chat_events WHERE direction = 'received' AND username IS NOT NULL;
  CREATE TRIGGER chat_events_rollup AFTER INSERT ON chat_events BEGIN
    INSERT INTO chat_stats_hourly (account_id, hour, direction, cause, n)
      VALUES (NEW.account_id, NEW.created_at / 3600000, NEW.direction, COALESCE(NEW.cause, ''), 1)
      ON CONFLICT (account_id, direction, hour, cause) DO UPDATE SET n = n + 1;
    INSERT OR IGNORE INTO chat_chatters_daily (account_id, day, username)
      SELECT NEW.account_id, NEW.created_at / 86400000, NEW.username
      WHERE NEW.direction = 'received' AND NEW.username IS NOT NULL;
  END;
  `,
  // 4: indexes for API reads that sorted or filtered a growing table: message lists, draws of a round,
  // FAQ trigger counts (only lines with a trigger) and the recent-chat feed (by id)
  `
  CREATE INDEX messages_account_created ON messages(account_id, created_at);
  CREATE INDEX messages_account_status_created ON messages(account_id, status, created_at);
  CREATE INDEX giveaway_draws_round ON giveaway_draws(round_id, created_at);
  CREATE INDEX chat_events_received_trigger ON chat_events(account_id, created_at, trigger)
    WHERE trigger IS NOT NULL AND direction = 'received';
  CREATE INDEX chat_events_account_id ON chat_events(account_id, id);
  `,
  // 5: how many parts of a message split for a platform's length cap are already in chat, so a restart or
  // retry goes on after them instead of posting them again
  `
  ALTER TABLE messages ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;
  `,
  // 6: a reroll is a draw of its own that says which draw it redid and whom it replaced, so the history keeps it
  `
  ALTER TABLE giveaway_draws ADD COLUMN reroll_of TEXT;
  ALTER TABLE giveaway_draws ADD COLUMN replaced TEXT;
  `,
  // 7: the activity feed's history (the dashboard's "what happened"), a bounded copy of the bus events it shows
  `
  CREATE TABLE activity_log (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    type TEXT NOT NULL,
    account_id TEXT,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX activity_log_account ON activity_log(account_id, seq);
  `,
  // shows: one row per live show with its figures (kept up to date while it runs), the distinct chatters of each
  // show, and what the platform's data stream reported (tips, raids, its giveaways, products)
  `
  CREATE TABLE shows (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    title TEXT,
    url TEXT,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    end_reason TEXT,
    stats TEXT NOT NULL DEFAULT '{}',
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX shows_account_started ON shows(account_id, started_at DESC);
  CREATE TABLE show_chatters (
    show_id TEXT NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
    user_key TEXT NOT NULL,
    PRIMARY KEY (show_id, user_key)
  ) WITHOUT ROWID;
  CREATE TABLE stream_events (
    id INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    show_id TEXT REFERENCES shows(id) ON DELETE SET NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX stream_events_show ON stream_events(show_id, id);
  `,
  // per-viewer rollups for the analytics routes: messages per viewer per UTC day with a running total, and per
  // viewer overall with when they last wrote. A period always runs to now, so "wrote in the period" is "last wrote
  // at or after its start" (distinct chatters without a set union), and a viewer's lines from day d on are their
  // total minus the running total before d (top chatters without summing every day; the lines of a partial day
  // come from the raw rows, one viewer at a time). Replaces chat_chatters_daily.
  `
  CREATE TABLE chat_chatters (
    account_id TEXT NOT NULL,
    username TEXT NOT NULL,
    n INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, username)
  ) WITHOUT ROWID;
  CREATE TABLE chat_chatter_days (
    account_id TEXT NOT NULL,
    username TEXT NOT NULL,
    day INTEGER NOT NULL,
    n INTEGER NOT NULL,
    cum INTEGER NOT NULL,
    PRIMARY KEY (account_id, username, day)
  ) WITHOUT ROWID;
  INSERT INTO chat_chatters (account_id, username, n, last_at)
    SELECT account_id, username, COUNT(*), MAX(created_at) FROM chat_events
    WHERE direction = 'received' AND username IS NOT NULL GROUP BY account_id, username;
  INSERT INTO chat_chatter_days (account_id, username, day, n, cum)
    SELECT account_id, username, day, n, SUM(n) OVER (PARTITION BY account_id, username ORDER BY day ROWS UNBOUNDED PRECEDING)
    FROM (SELECT account_id, username, created_at / 86400000 AS day, COUNT(*) AS n FROM chat_events
          WHERE direction = 'received' AND username IS NOT NULL GROUP BY account_id, username, created_at / 86400000);
  CREATE INDEX chat_chatters_top ON chat_chatters(account_id, n DESC, last_at DESC, username);
  CREATE INDEX chat_chatters_last ON chat_chatters(account_id, last_at);
  CREATE INDEX chat_chatter_days_day ON chat_chatter_days(account_id, day, username, n);
  CREATE INDEX chat_events_received_by_chatter ON chat_events(account_id, username, created_at) WHERE direction = 'received';
  DROP TRIGGER chat_events_rollup;
  DROP TABLE chat_chatters_daily;
  CREATE TRIGGER chat_events_rollup AFTER INSERT ON chat_events BEGIN
    INSERT INTO chat_stats_hourly (account_id, hour, direction, cause, n)
      VALUES (NEW.account_id, NEW.created_at / 3600000, NEW.direction, COALESCE(NEW.cause, ''), 1)
      ON CONFLICT (account_id, direction, hour, cause) DO UPDATE SET n = n + 1;
    INSERT INTO chat_chatters (account_id, username, n, last_at)
      SELECT NEW.account_id, NEW.username, 1, NEW.created_at WHERE NEW.direction = 'received' AND NEW.username IS NOT NULL
      ON CONFLICT (account_id, username) DO UPDATE SET n = n + 1, last_at = MAX(last_at, excluded.last_at);
    -- A line older than the viewer's latest day (an import, a clock put back) moves the running totals after it.
    INSERT INTO chat_chatter_days (account_id, username, day, n, cum)
      SELECT NEW.account_id, NEW.username, NEW.created_at / 86400000, 0, COALESCE((
        SELECT cum FROM chat_chatter_days
        WHERE account_id = NEW.account_id AND username = NEW.username AND day < NEW.created_at / 86400000
        ORDER BY day DESC LIMIT 1), 0)
      WHERE NEW.direction = 'received' AND NEW.username IS NOT NULL
      ON CONFLICT (account_id, username, day) DO NOTHING;
    UPDATE chat_chatter_days SET n = n + (day = NEW.created_at / 86400000), cum = cum + 1
      WHERE NEW.direction = 'received' AND NEW.username IS NOT NULL
        AND account_id = NEW.account_id AND username = NEW.username AND day >= NEW.created_at / 86400000;
  END;
  `,
];
