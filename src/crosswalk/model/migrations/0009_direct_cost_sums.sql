-- Version 9: the cost lines summed once per FOCUS file (and each allocation step's definition, below), so that allocation does not pass over every cost line
-- on every run (docs/allocation.md, "Cost"). The allocate stage sums the lines of files it has not summed yet
-- and sums a file again when its line count or totals changed (a restatement took rows of it); it places direct cost
-- from these sums joined with cost_dimension, and checks the ledger against cost_line's totals as before.

-- The lines of one file per month, billing currency, enrichment key (its columns, as enrichment_key holds
-- them), the two other columns allocation keeps (ChargeCategory, CommitmentDiscountStatus) and ConsumedUnit
-- (so that a statement can tell quantities in one unit from a sum across units).
CREATE TABLE cost_line_sum (
    source_file_id           BIGINT NOT NULL,
    period                   VARCHAR NOT NULL, -- YYYY-MM of ChargePeriodStart
    currency                 VARCHAR,          -- BillingCurrency
    ProviderName             VARCHAR,
    BillingAccountId         VARCHAR,
    SubAccountId             VARCHAR,
    ResourceId               VARCHAR,
    ResourceName             VARCHAR,
    Tags                     VARCHAR,
    ServiceCategory          VARCHAR,
    ServiceSubcategory       VARCHAR,
    ServiceName              VARCHAR,
    SkuId                    VARCHAR,
    ResourceType             VARCHAR,
    ChargeCategory           VARCHAR,
    CommitmentDiscountStatus VARCHAR,
    ConsumedUnit             VARCHAR,
    billed_cost              DECIMAL(38,18) NOT NULL,
    effective_cost           DECIMAL(38,18) NOT NULL,
    consumed_quantity        DECIMAL(38,18),
    cost_lines               BIGINT NOT NULL
);

-- The files summed into cost_line_sum, with the number of lines and the totals they had then: a file whose
-- lines no longer have them is summed again.
CREATE TABLE cost_line_sum_file (
    source_file_id BIGINT NOT NULL,
    lines          BIGINT NOT NULL,
    billed_cost    DECIMAL(38,18) NOT NULL,
    effective_cost DECIMAL(38,18) NOT NULL
);

-- What each step was, as a run applied it (pool, to, method, targets, weights, proportional_to, driver columns,
-- months), so that `crosswalk diff` tells a changed weight from a changed pool: NULL for runs before version 9.
ALTER TABLE allocation_step ADD COLUMN definition VARCHAR;

COMMENT ON TABLE cost_line_sum IS 'Cost lines summed per file, month, currency and enrichment key, for allocation';
COMMENT ON TABLE cost_line_sum_file IS 'The files in cost_line_sum, with their line counts and totals then';
