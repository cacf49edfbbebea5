-- Version 3: restatement by billing key, decided by which export is newest, not by the order files arrive.
--
-- A billing key is (ProviderName, BillingAccountId, SubAccountId, BillingPeriodStart): the unit a provider
-- restates. For every key, the store keeps the rows of the newest export that holds it. Files that are parts of
-- one export (same folder, names equal up to their digits, written within an hour of each other, holding
-- different rows of the key) add up and never replace each other (docs/data-model.md, "Replacement").

-- The file's modification time (UTC) when it was loaded.
ALTER TABLE source_file ADD COLUMN modified_at TIMESTAMP;
-- When the export counts as made, which decides which export of a key is the newest: modified_at, or for a
-- load with --force its files' times moved forward together so that the newest of them is the load time.
ALTER TABLE source_file ADD COLUMN exported_at TIMESTAMP;
-- The file's folder and name with every run of digits masked (aws/2024-09/part-#.parquet): files whose parts
-- could be one export share it.
ALTER TABLE source_file ADD COLUMN export_group VARCHAR;

UPDATE source_file SET modified_at = loaded_at, exported_at = loaded_at, export_group = 'file:' || id
WHERE kind = 'focus';

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
    -- The export the file's rows of this key belong to: the parts of one export share it.
    export_unit         VARCHAR,
    status              VARCHAR NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'replaced')),
    replaced_by_file_id BIGINT,
    CHECK (replaced_by_file_id IS NULL OR status = 'replaced')
);

INSERT INTO billing_key (source_file_id, ProviderName, BillingAccountId, SubAccountId, BillingPeriodStart,
                         BillingCurrency, rows, billed_cost, export_unit)
SELECT source_file_id, ProviderName, BillingAccountId, SubAccountId, BillingPeriodStart, BillingCurrency, count(*),
       sum(BilledCost), 'file:' || source_file_id
FROM cost_line
GROUP BY ALL;

COMMENT ON TABLE billing_key IS 'One billing key (provider, billing account, sub account, billing period) a FOCUS file holds, and whether a newer export replaced it';
