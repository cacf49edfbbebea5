-- Version 13: the alerts posted to a webhook (docs/budgets.md), so that `crosswalk alerts --post` never posts one
-- twice: an alert is its key (scope, horizon, period, status, currency) and the URL; it is written here once the
-- receiver answered 2xx. A changed status is a new alert.
CREATE TABLE alert_delivery (
    alert_key    VARCHAR NOT NULL,
    url          VARCHAR NOT NULL,
    delivered_at TIMESTAMP NOT NULL,
    http_status  INTEGER NOT NULL,
    attempts     INTEGER NOT NULL,
    PRIMARY KEY (alert_key, url)
);
