-- Version 12: the parts of TCO (docs/tco.md). Each `crosswalk run`, after allocating, places all cost in the model
-- for every billed month on an application: the bill (as allocated), depreciation, the contracts the bill does not
-- show, entitlements bought outside a contract and the ledger lines no other source explains, each part with where
-- it came from. The TCO, unit cost and migration reports and the statements' license contracts read these rows.
-- Only the latest run's parts are kept: they are recomputed from the store on every run.
CREATE TABLE tco_part (
    run_id           BIGINT NOT NULL,
    period           VARCHAR NOT NULL,  -- YYYY-MM
    application      VARCHAR NOT NULL,  -- '(unassigned)' for cost no rule places
    business_service VARCHAR,
    col              VARCHAR NOT NULL CHECK (col IN ('cloud_direct', 'cloud_shared', 'licenses', 'depreciation',
                                                     'contracts', 'labor')),
    source           VARCHAR NOT NULL CHECK (source IN ('bill', 'asset', 'contract', 'entitlement', 'ledger')),
    ref              VARCHAR,           -- the step, asset_tag, 'INS-1 (CONTRACT)', contract, entitlement, 'ACCOUNT CC'
    detail           VARCHAR,           -- how it reached the application
    cloud            BOOLEAN NOT NULL,  -- a cloud bill charges it
    host             VARCHAR,           -- the asset or cloud VM it came through
    currency         VARCHAR,
    amount           DECIMAL(38,18) NOT NULL
);

COMMENT ON TABLE tco_part IS 'All cost of each billed month on an application, with its source (docs/tco.md)';
