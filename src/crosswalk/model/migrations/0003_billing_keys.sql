-- Version 3: restatement by billing key, decided by which export is newest, not by the order files arrive.
--
-- A billing key is (ProviderName, BillingAccountId, SubAccountId, BillingPeriodStart): the unit a provider
-- restates. A FOCUS file replaces, of the rows already held, only the keys it contains, and only if it is the
-- newer export of that key. Files of one load that are parts of one export (same folder, names equal up to
-- their digits: part-00001.csv, part-00002.csv) share an export_unit and never replace each other.

-- When the export was made, as far as crosswalk can tell: the file's modification time (UTC) when it was
-- loaded; for a load with --force, the load time if that is later, so that a forced file counts as the newest.
ALTER TABLE source_file ADD COLUMN exported_at TIMESTAMP;
-- The export a file is part of: files that share it were loaded together as the parts of one export.
ALTER TABLE source_file ADD COLUMN export_unit VARCHAR;

UPDATE source_file SET exported_at = loaded_at, export_unit = 'file:' || id WHERE kind = 'focus';

-- One billing key a FOCUS file holds, with its rows and cost when loaded, and whether a newer export replaced it.
CREATE TABLE billing_key (
    source_file_id      BIGINT NOT NULL,
    ProviderName        VARCHAR NOT NULL,
    BillingAccountId    VARCHAR NOT NULL,
    SubAccountId        VARCHAR,
    BillingPeriodStart  TIMESTAMP NOT NULL,
    BillingCurrency     VARCHAR,
    rows                BIGINT NOT NULL CHECK (rows >= 0),
    billed_cost         DECIMAL(38, 18),
    status              VARCHAR NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'replaced')),
    replaced_by_file_id BIGINT,
    CHECK (replaced_by_file_id IS NULL OR status = 'replaced')
);

INSERT INTO billing_key (source_file_id, ProviderName, BillingAccountId, SubAccountId, BillingPeriodStart,
                         BillingCurrency, rows, billed_cost)
SELECT source_file_id, ProviderName, BillingAccountId, SubAccountId, BillingPeriodStart, BillingCurrency, count(*),
       sum(BilledCost)
FROM cost_line
GROUP BY ALL;

COMMENT ON TABLE billing_key IS 'One billing key (provider, billing account, sub account, billing period) a FOCUS file holds, and whether a newer export replaced it';
