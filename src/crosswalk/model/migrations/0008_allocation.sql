-- Version 8: allocation (docs/allocation.md). Each `crosswalk run` places every cent of cost: first where the
-- enriched dimensions put it (direct cost), then through the steps of rules/allocation.yaml, each spreading
-- a pool of what the earlier steps left. The result is a ledger of signed movements kept per run, so that a
-- statement can be explained step by step and two runs compared.

-- One allocation of one `crosswalk run`: what it computed on and its totals (which equal cost_line's).
CREATE TABLE allocation_run (
    run_id         BIGINT NOT NULL,
    rules_sha256   VARCHAR,       -- of the workspace's rule files (as run.rules_sha256)
    periods        BIGINT NOT NULL,
    steps          BIGINT NOT NULL,
    pools          BIGINT NOT NULL, -- pools spread, all steps
    pools_left     BIGINT NOT NULL, -- pools left where they were (no target had a weight that month)
    lines          BIGINT NOT NULL  -- rows of allocation_line
);

-- The steps as that run applied them: the rule (file:line) and, for a driver step, the file and its hash.
CREATE TABLE allocation_step (
    run_id        BIGINT NOT NULL,
    step          INTEGER NOT NULL,  -- 1, 2, ... in file order (0 in allocation_line is direct cost)
    name          VARCHAR NOT NULL,
    method        VARCHAR NOT NULL CHECK (method IN ('even', 'proportional', 'fixed', 'driver')),
    to_dimension  VARCHAR NOT NULL,
    rule          VARCHAR NOT NULL,  -- 'allocation.yaml:14'
    from_period   VARCHAR,           -- YYYY-MM, NULL: open
    until_period  VARCHAR,
    driver_file   VARCHAR,
    driver_sha256 VARCHAR
);

-- One pool a step spread (or could not): the cost it selected in one month and billing currency with one
-- provider and one place in the taxonomy (its shares keep these).
CREATE TABLE allocation_pool (
    run_id             BIGINT NOT NULL,
    step               INTEGER NOT NULL,
    period             VARCHAR NOT NULL,
    currency           VARCHAR,
    ProviderName       VARCHAR,
    cost_pool          VARCHAR,
    tower              VARCHAR,
    sub_tower          VARCHAR,
    ServiceCategory    VARCHAR,
    ServiceSubcategory VARCHAR,
    billed_cost    DECIMAL(38,18) NOT NULL,
    effective_cost DECIMAL(38,18) NOT NULL,
    holdings       BIGINT NOT NULL,  -- positions the pool took its cost from
    targets        BIGINT NOT NULL,  -- targets with a weight > 0 (0: left where it was)
    status         VARCHAR NOT NULL CHECK (status IN ('allocated', 'no_weights'))
);

-- The ledger. Step 0 rows place direct cost (the cost lines of a month, currency and set of dimensions, summed);
-- a step's rows take each position of its pool out (negated) and put the pool's shares on the targets
-- (shared_from = the step's name). So per run, month and currency every step's rows add up to zero, and the
-- sum of all rows is the cost lines' total, exactly. A share carries the dimensions of its target (an
-- application's cost center, business unit and owner from the CMDB; a cost center's business unit and owner)
-- and its pool's provider, taxonomy and service category; its other columns (ServiceName, ...) are NULL.
CREATE TABLE allocation_line (
    run_id                   BIGINT NOT NULL,
    step                     INTEGER NOT NULL,
    period                   VARCHAR NOT NULL, -- YYYY-MM of ChargePeriodStart
    currency                 VARCHAR,          -- BillingCurrency
    application              VARCHAR,
    business_service         VARCHAR,
    cost_center              VARCHAR,
    business_unit            VARCHAR,
    owner                    VARCHAR,
    environment              VARCHAR,
    cost_pool                VARCHAR,
    tower                    VARCHAR,
    sub_tower                VARCHAR,
    solution                 VARCHAR,
    ProviderName             VARCHAR,
    BillingAccountId         VARCHAR,
    SubAccountId             VARCHAR,
    ServiceCategory          VARCHAR,
    ServiceSubcategory       VARCHAR,
    ServiceName              VARCHAR,
    ChargeCategory           VARCHAR,
    CommitmentDiscountStatus VARCHAR,
    shared_from              VARCHAR,          -- NULL: direct cost; else the step whose pool this is a share of
    billed_cost              DECIMAL(38,18) NOT NULL,
    effective_cost           DECIMAL(38,18) NOT NULL,
    consumed_quantity        DECIMAL(38,18),   -- direct cost only
    cost_lines               BIGINT NOT NULL,  -- cost lines summed into it (negative when taken out)
    weight                   DECIMAL(38,18)    -- a share: the target's weight (effective basis)
);

-- The latest allocation (of the newest succeeded run that allocated).
CREATE MACRO allocation_latest_run() AS (SELECT max(run_id) FROM allocation_run);

-- Where every cent is after the latest allocation: one row per month, currency, set of dimensions and origin
-- (direct, or the step it was shared by). Positions emptied by a step (netted to zero) are left out.
CREATE VIEW allocation_result AS
SELECT period, currency, application, business_service, cost_center, business_unit, owner, environment,
       cost_pool, tower, sub_tower, solution, ProviderName, BillingAccountId, SubAccountId, ServiceCategory,
       ServiceSubcategory, ServiceName, ChargeCategory, CommitmentDiscountStatus, shared_from,
       sum(billed_cost) AS billed_cost, sum(effective_cost) AS effective_cost,
       sum(consumed_quantity) AS consumed_quantity, sum(cost_lines) AS cost_lines
FROM allocation_line
WHERE run_id = allocation_latest_run()
GROUP BY ALL
HAVING sum(billed_cost) <> 0 OR sum(effective_cost) <> 0 OR sum(cost_lines) <> 0;

COMMENT ON TABLE allocation_run IS 'One allocation per crosswalk run, with its counts';
COMMENT ON TABLE allocation_step IS 'The allocation steps a run applied, with their rule and driver file';
COMMENT ON TABLE allocation_pool IS 'Each pool a step spread, per month, currency, provider and taxonomy';
COMMENT ON TABLE allocation_line IS 'The allocation ledger: direct cost (step 0) and every move of a step, signed';
COMMENT ON VIEW allocation_result IS 'Where every cent is after the latest allocation (direct and shared)';
