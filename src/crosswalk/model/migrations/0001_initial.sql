-- crosswalk schema, version 1: the unified data model (see docs/data-model.md for every column).
-- Applied once by the migrator inside one transaction. The migrator owns schema_version.
--
-- Conventions
--   * FOCUS columns keep their FOCUS 1.2 PascalCase names. Our own columns are snake_case.
--   * Billing money, prices and quantities: DECIMAL(38,18). Enterprise money: DECIMAL(38,6). Never DOUBLE.
--   * Date-times are TIMESTAMP and mean UTC (never TIMESTAMPTZ: a bad TIMESTAMPTZ cast silently gives NULL).
--   * Only run and source_file carry a PRIMARY KEY. Bulk and snapshot tables carry no PRIMARY KEY, UNIQUE,
--     FOREIGN KEY or index: DuckDB checks constraints too eagerly for delete-then-reinsert in one
--     transaction, foreign keys block snapshot replacement, and ART indexes slow bulk loads. Each such
--     table documents its natural key instead, and the loaders keep it unique.
--   * CHECK constraints guard our own enumerations. FOCUS values are not CHECKed in cost_line: conformance
--     is the ingester's policy (repair, warn or reject into rejected_row), not the database's.

-- A run is one execution of a crosswalk command that read inputs or changed the store.
CREATE SEQUENCE run_id_seq START 1;

CREATE TABLE run (
    id                BIGINT PRIMARY KEY DEFAULT nextval('run_id_seq'),
    command           VARCHAR NOT NULL,
    arguments         JSON,
    started_at        TIMESTAMP NOT NULL DEFAULT (current_timestamp AT TIME ZONE 'UTC'),
    finished_at       TIMESTAMP,
    status            VARCHAR NOT NULL DEFAULT 'running'
                      CHECK (status IN ('running', 'succeeded', 'failed')),
    crosswalk_version VARCHAR NOT NULL,
    inputs_sha256     VARCHAR CHECK (regexp_full_match(inputs_sha256, '[0-9a-f]{64}')),
    rules_sha256      VARCHAR CHECK (regexp_full_match(rules_sha256, '[0-9a-f]{64}')),
    details           JSON,
    CHECK (finished_at IS NULL OR finished_at >= started_at)
);

-- A source_file is one input file loaded into the store (billing export or enterprise extract).
-- Re-ingesting a billing period marks the older file replaced. An unchanged file (same kind and
-- content_sha256, status active) is skipped.
CREATE SEQUENCE source_file_id_seq START 1;

CREATE TABLE source_file (
    id                   BIGINT PRIMARY KEY DEFAULT nextval('source_file_id_seq'),
    run_id               BIGINT,
    kind                 VARCHAR NOT NULL
                         CHECK (kind IN ('focus', 'assets', 'entitlements', 'installations', 'cis', 'ci-relations',
                                         'contracts', 'ledger', 'budgets', 'org', 'metrics')),
    path                 VARCHAR NOT NULL,
    content_sha256       VARCHAR NOT NULL CHECK (regexp_full_match(content_sha256, '[0-9a-f]{64}')),
    size_bytes           BIGINT NOT NULL CHECK (size_bytes >= 0),
    format               VARCHAR NOT NULL CHECK (format IN ('csv', 'csv.gz', 'parquet', 'json', 'ndjson', 'xlsx')),
    focus_version        VARCHAR CHECK (focus_version IN ('1.0', '1.1', '1.2')),
    provider             VARCHAR,
    billing_account_id   VARCHAR,
    billing_period_start TIMESTAMP,
    billing_period_end   TIMESTAMP,
    rows_read            BIGINT CHECK (rows_read >= 0),
    rows_loaded          BIGINT CHECK (rows_loaded >= 0),
    rows_repaired        BIGINT CHECK (rows_repaired >= 0),
    rows_rejected        BIGINT CHECK (rows_rejected >= 0),
    status               VARCHAR NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'replaced')),
    replaced_by_file_id  BIGINT,
    loaded_at            TIMESTAMP NOT NULL DEFAULT (current_timestamp AT TIME ZONE 'UTC'),
    CHECK (kind = 'focus' OR (focus_version IS NULL AND billing_period_start IS NULL AND billing_period_end IS NULL)),
    CHECK (billing_period_end IS NULL OR billing_period_start IS NULL OR billing_period_end > billing_period_start),
    CHECK (rows_read IS NULL OR rows_loaded IS NULL OR rows_rejected IS NULL
           OR rows_read = rows_loaded + rows_rejected),
    CHECK (rows_repaired IS NULL OR rows_loaded IS NULL OR rows_repaired <= rows_loaded),
    CHECK (replaced_by_file_id IS NULL OR status = 'replaced'),
    CHECK (replaced_by_file_id IS NULL OR replaced_by_file_id <> id)
);

-- A rejected_row is one reason one input row (or a whole file, row_number NULL) was not loaded.
-- A row rejected for several reasons has several entries with the same source_file_id and row_number.
CREATE SEQUENCE rejected_row_id_seq START 1;

CREATE TABLE rejected_row (
    id             BIGINT NOT NULL DEFAULT nextval('rejected_row_id_seq'),
    source_file_id BIGINT NOT NULL,
    run_id         BIGINT,
    source_kind    VARCHAR NOT NULL
                   CHECK (source_kind IN ('focus', 'assets', 'entitlements', 'installations', 'cis', 'ci-relations',
                                          'contracts', 'ledger', 'budgets', 'org', 'metrics')),
    row_number     BIGINT CHECK (row_number >= 1),
    column_name    VARCHAR,
    rule_id        VARCHAR NOT NULL,
    message        VARCHAR NOT NULL,
    raw            JSON
);

-- A cost_line is one row of a FOCUS cost-and-usage export (any of FOCUS 1.0, 1.1, 1.2), exactly as
-- billed, with the repairs applied on ingest recorded in repairs. Columns a file's version lacks are NULL.
-- Natural key: (source_file_id, source_row). Deliberately no key, index or CHECK (bulk loads).
CREATE TABLE cost_line (
    AvailabilityZone                   VARCHAR,
    BilledCost                         DECIMAL(38,18),
    BillingAccountId                   VARCHAR,
    BillingAccountName                 VARCHAR,
    BillingAccountType                 VARCHAR,
    BillingCurrency                    VARCHAR,
    BillingPeriodEnd                   TIMESTAMP,
    BillingPeriodStart                 TIMESTAMP,
    CapacityReservationId              VARCHAR,
    CapacityReservationStatus          VARCHAR,
    ChargeCategory                     VARCHAR,
    ChargeClass                        VARCHAR,
    ChargeDescription                  VARCHAR,
    ChargeFrequency                    VARCHAR,
    ChargePeriodEnd                    TIMESTAMP,
    ChargePeriodStart                  TIMESTAMP,
    CommitmentDiscountCategory         VARCHAR,
    CommitmentDiscountId               VARCHAR,
    CommitmentDiscountName             VARCHAR,
    CommitmentDiscountQuantity         DECIMAL(38,18),
    CommitmentDiscountStatus           VARCHAR,
    CommitmentDiscountType             VARCHAR,
    CommitmentDiscountUnit             VARCHAR,
    ConsumedQuantity                   DECIMAL(38,18),
    ConsumedUnit                       VARCHAR,
    ContractedCost                     DECIMAL(38,18),
    ContractedUnitPrice                DECIMAL(38,18),
    EffectiveCost                      DECIMAL(38,18),
    InvoiceId                          VARCHAR,
    InvoiceIssuerName                  VARCHAR,
    ListCost                           DECIMAL(38,18),
    ListUnitPrice                      DECIMAL(38,18),
    PricingCategory                    VARCHAR,
    PricingCurrency                    VARCHAR,
    PricingCurrencyContractedUnitPrice DECIMAL(38,18),
    PricingCurrencyEffectiveCost       DECIMAL(38,18),
    PricingCurrencyListUnitPrice       DECIMAL(38,18),
    PricingQuantity                    DECIMAL(38,18),
    PricingUnit                        VARCHAR,
    ProviderName                       VARCHAR,
    PublisherName                      VARCHAR,
    RegionId                           VARCHAR,
    RegionName                         VARCHAR,
    ResourceId                         VARCHAR,
    ResourceName                       VARCHAR,
    ResourceType                       VARCHAR,
    ServiceCategory                    VARCHAR,
    ServiceName                        VARCHAR,
    ServiceSubcategory                 VARCHAR,
    SkuId                              VARCHAR,
    SkuMeter                           VARCHAR,
    SkuPriceDetails                    JSON,
    SkuPriceId                         VARCHAR,
    SubAccountId                       VARCHAR,
    SubAccountName                     VARCHAR,
    SubAccountType                     VARCHAR,
    Tags                               JSON,
    source_file_id                     BIGINT NOT NULL,
    source_row                         BIGINT NOT NULL,
    x_columns                          JSON,
    repairs                            JSON
);

-- A resource is one cloud resource as billing shows it, derived from cost_line (rebuilt after each ingest)
-- over active source files. Natural key: (provider, resource_id, currency): one row per billing currency,
-- and nearly every resource has exactly one.
CREATE TABLE resource (
    provider               VARCHAR NOT NULL,
    resource_id            VARCHAR NOT NULL,
    name                   VARCHAR,
    type                   VARCHAR,
    region_id              VARCHAR,
    region_name            VARCHAR,
    billing_account_id     VARCHAR,
    sub_account_id         VARCHAR,
    sub_account_name       VARCHAR,
    service_category       VARCHAR,
    service_name           VARCHAR,
    first_seen             TIMESTAMP,
    last_seen              TIMESTAMP,
    tags                   JSON,
    billed_cost_to_date    DECIMAL(38,18),
    effective_cost_to_date DECIMAL(38,18),
    currency               VARCHAR CHECK (regexp_full_match(currency, '[A-Z]{3}')),
    CHECK (last_seen IS NULL OR first_seen IS NULL OR last_seen >= first_seen)
);

-- An asset is one hardware, virtual or cloud item in the IT asset register (ITAM, ISO/IEC 19770-1).
-- Natural key: asset_tag.
CREATE TABLE asset (
    asset_tag                VARCHAR NOT NULL,
    serial_number            VARCHAR,
    name                     VARCHAR,
    category                 VARCHAR CHECK (category IN ('hardware', 'virtual', 'cloud')),
    asset_type               VARCHAR,
    model                    VARCHAR,
    manufacturer             VARCHAR,
    lifecycle_state          VARCHAR
                             CHECK (lifecycle_state IN ('ordered', 'procured', 'deployed', 'in_use', 'in_stock',
                                                        'retired', 'disposed')),
    acquisition_date         DATE,
    in_service_date          DATE,
    retired_date             DATE,
    acquisition_cost         DECIMAL(38,6) CHECK (acquisition_cost >= 0),
    currency                 VARCHAR CHECK (regexp_full_match(currency, '[A-Z]{3}')),
    depreciation_method      VARCHAR CHECK (depreciation_method IN ('straight_line', 'declining_balance', 'none')),
    declining_balance_factor DECIMAL(9,4) CHECK (declining_balance_factor > 0),
    useful_life_months       INTEGER CHECK (useful_life_months > 0),
    salvage_value            DECIMAL(38,6) CHECK (salvage_value >= 0),
    owner                    VARCHAR,
    cost_center_id           VARCHAR,
    location                 VARCHAR,
    ci_id                    VARCHAR,
    cloud_provider           VARCHAR,
    resource_id              VARCHAR,
    host_asset_tag           VARCHAR,
    physical_cores           INTEGER CHECK (physical_cores >= 0),
    processors               INTEGER CHECK (processors >= 0),
    processor_model          VARCHAR,
    source_file_id           BIGINT,
    source_row               BIGINT,
    CHECK (salvage_value IS NULL OR acquisition_cost IS NULL OR salvage_value <= acquisition_cost),
    CHECK (host_asset_tag IS NULL OR host_asset_tag <> asset_tag)
);

-- An entitlement is one software license right held: a purchase line of licenses or a subscription
-- (ITAM/SAM, the practical fields of an ISO/IEC 19770-3 entitlement). Natural key: entitlement_id.
CREATE TABLE entitlement (
    entitlement_id   VARCHAR NOT NULL,
    publisher        VARCHAR,
    product          VARCHAR,
    edition          VARCHAR,
    version          VARCHAR,
    sku              VARCHAR,
    metric           VARCHAR
                     CHECK (metric IN ('per_core', 'per_processor', 'per_user', 'per_device', 'per_instance',
                                       'subscription', 'capacity')),
    quantity         DECIMAL(18,4) CHECK (quantity >= 0),
    unit_cost        DECIMAL(38,6),
    total_cost       DECIMAL(38,6),
    currency         VARCHAR CHECK (regexp_full_match(currency, '[A-Z]{3}')),
    purchase_date    DATE,
    term_start       DATE,
    term_end         DATE,
    maintenance      BOOLEAN,
    maintenance_end  DATE,
    license_mobility BOOLEAN,
    hybrid_benefit   BOOLEAN,
    byol_allowed     BOOLEAN,
    contract_id      VARCHAR,
    cost_center_id   VARCHAR,
    source_file_id   BIGINT,
    source_row       BIGINT,
    CHECK (term_end IS NULL OR term_start IS NULL OR term_end >= term_start)
);

-- An installation is one product found installed or in use on one host: a device (asset) or a cloud
-- resource (ITAM/SAM consumption, ISO/IEC 19770-4 in spirit). Natural key: installation_id.
CREATE TABLE installation (
    installation_id  VARCHAR NOT NULL,
    publisher        VARCHAR,
    product          VARCHAR,
    edition          VARCHAR,
    version          VARCHAR,
    host_kind        VARCHAR CHECK (host_kind IN ('asset', 'resource')),
    host_id          VARCHAR,
    cloud_provider   VARCHAR,
    physical_cores   INTEGER CHECK (physical_cores >= 0),
    vcpus            INTEGER CHECK (vcpus >= 0),
    threads_per_core INTEGER CHECK (threads_per_core >= 1),
    users            INTEGER CHECK (users >= 0),
    last_used_date   DATE,
    discovery_source VARCHAR,
    source_file_id   BIGINT,
    source_row       BIGINT,
    CHECK (host_id IS NULL OR host_kind IS NOT NULL)
);

-- A ci is one configuration item of the CMDB: a business service, an application, a database, a server
-- and so on (ITSM configuration management). Natural key: ci_id.
CREATE TABLE ci (
    ci_id            VARCHAR NOT NULL,
    class            VARCHAR
                     CHECK (class IN ('business_service', 'technical_service', 'application', 'database', 'server',
                                      'virtual_machine', 'cluster', 'container_platform', 'storage',
                                      'network_device', 'load_balancer', 'cloud_resource', 'end_user_device',
                                      'other')),
    name             VARCHAR,
    owner            VARCHAR,
    cost_center_id   VARCHAR,
    business_unit_id VARCHAR,
    environment      VARCHAR,
    status           VARCHAR,
    asset_tag        VARCHAR,
    cloud_provider   VARCHAR,
    resource_id      VARCHAR,
    source_file_id   BIGINT,
    source_row       BIGINT
);

-- A ci_relation is one directed edge between two CIs, read "parent <relation_type> child":
-- application runs_on server, business service depends_on application, virtual machine hosted_by host,
-- server member_of cluster. Natural key: (parent_ci_id, child_ci_id, relation_type).
CREATE TABLE ci_relation (
    parent_ci_id   VARCHAR NOT NULL,
    child_ci_id    VARCHAR NOT NULL,
    relation_type  VARCHAR NOT NULL CHECK (relation_type IN ('runs_on', 'depends_on', 'hosted_by', 'member_of')),
    source_file_id BIGINT,
    source_row     BIGINT,
    CHECK (parent_ci_id <> child_ci_id)
);

-- A contract is one agreement with a vendor: support, maintenance, SaaS, a cloud commitment or a license
-- agreement, with its value and, for prepaid drawdown, its consumption allowance. Natural key: contract_id.
CREATE TABLE contract (
    contract_id           VARCHAR NOT NULL,
    name                  VARCHAR,
    vendor                VARCHAR,
    contract_type         VARCHAR
                          CHECK (contract_type IN ('support', 'maintenance', 'saas', 'cloud_commitment', 'license')),
    start_date            DATE,
    end_date              DATE,
    total_value           DECIMAL(38,6),
    currency              VARCHAR CHECK (regexp_full_match(currency, '[A-Z]{3}')),
    payment_schedule      VARCHAR CHECK (payment_schedule IN ('prepaid', 'monthly', 'annual')),
    consumption_allowance DECIMAL(38,6) CHECK (consumption_allowance >= 0),
    consumption_unit      VARCHAR,
    auto_renew            BOOLEAN,
    notice_days           INTEGER CHECK (notice_days >= 0),
    cloud_provider        VARCHAR,
    cost_center_id        VARCHAR,
    source_file_id        BIGINT,
    source_row            BIGINT,
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
    CHECK (consumption_unit IS NULL OR consumption_allowance IS NOT NULL)
);

-- A ledger_line is one general-ledger posting line of IT spend (TBM / IT finance), in the ledger's
-- currency. Natural key: entry_id when the extract carries one, else (source_file_id, source_row).
CREATE TABLE ledger_line (
    entry_id       VARCHAR,
    posting_period DATE NOT NULL CHECK (day(posting_period) = 1),
    posting_date   DATE,
    account        VARCHAR NOT NULL,
    account_name   VARCHAR,
    cost_center_id VARCHAR,
    vendor         VARCHAR,
    amount         DECIMAL(38,6) NOT NULL,
    currency       VARCHAR NOT NULL CHECK (regexp_full_match(currency, '[A-Z]{3}')),
    invoice_id     VARCHAR,
    description    VARCHAR,
    source_file_id BIGINT,
    source_row     BIGINT
);

-- A budget is one planned amount for one month and one scope (a cost center, business unit, application
-- or TBM tower). Natural key: (period, scope_kind, scope_id, currency).
CREATE TABLE budget (
    period         DATE NOT NULL CHECK (day(period) = 1),
    scope_kind     VARCHAR NOT NULL CHECK (scope_kind IN ('cost_center', 'business_unit', 'application', 'tower')),
    scope_id       VARCHAR NOT NULL,
    amount         DECIMAL(38,6) NOT NULL,
    currency       VARCHAR NOT NULL CHECK (regexp_full_match(currency, '[A-Z]{3}')),
    source_file_id BIGINT,
    source_row     BIGINT
);

-- A cost_center is one cost center of the organization, the unit that chargeback bills.
-- Natural key: cost_center_id.
CREATE TABLE cost_center (
    cost_center_id        VARCHAR NOT NULL,
    name                  VARCHAR,
    parent_cost_center_id VARCHAR,
    business_unit_id      VARCHAR,
    owner                 VARCHAR,
    source_file_id        BIGINT,
    source_row            BIGINT,
    CHECK (parent_cost_center_id IS NULL OR parent_cost_center_id <> cost_center_id)
);

-- A business_unit is one business unit of the organization (a TBM consumer). Natural key: business_unit_id.
CREATE TABLE business_unit (
    business_unit_id        VARCHAR NOT NULL,
    name                    VARCHAR,
    parent_business_unit_id VARCHAR,
    owner                   VARCHAR,
    source_file_id          BIGINT,
    source_row              BIGINT,
    CHECK (parent_business_unit_id IS NULL OR parent_business_unit_id <> business_unit_id)
);

-- A business_metric is one value of one business driver (orders, active users, GB stored...) for one
-- period and scope, the denominator of unit cost. Natural key: (period, grain, metric_name, scope_kind,
-- scope_id).
CREATE TABLE business_metric (
    period         DATE NOT NULL,
    grain          VARCHAR NOT NULL DEFAULT 'month' CHECK (grain IN ('day', 'month')),
    metric_name    VARCHAR NOT NULL,
    scope_kind     VARCHAR NOT NULL
                   CHECK (scope_kind IN ('organization', 'business_unit', 'cost_center', 'application',
                                         'business_service', 'tower')),
    scope_id       VARCHAR,
    value          DECIMAL(38,6) NOT NULL,
    unit           VARCHAR,
    source_file_id BIGINT,
    source_row     BIGINT,
    CHECK (grain = 'day' OR day(period) = 1),
    CHECK ((scope_kind = 'organization') = (scope_id IS NULL))
);

-- A taxonomy_node is one element of a cost taxonomy (TBM v5.0.1 or v4.x as shipped in data/tbm, or a
-- user extension): a cost pool, tower, solution or consumer, with its parent by name.
-- Natural key: (taxonomy, taxonomy_version, layer, parent_name, name).
CREATE SEQUENCE taxonomy_node_id_seq START 1;

CREATE TABLE taxonomy_node (
    id               BIGINT NOT NULL DEFAULT nextval('taxonomy_node_id_seq'),
    taxonomy         VARCHAR NOT NULL,
    taxonomy_version VARCHAR NOT NULL,
    layer            VARCHAR NOT NULL
                     CHECK (layer IN ('cost_pool', 'cost_sub_pool', 'domain', 'tower', 'sub_tower', 'solution_type',
                                      'solution_category', 'solution', 'consumer')),
    name             VARCHAR NOT NULL,
    parent_name      VARCHAR,
    expense_type     VARCHAR CHECK (expense_type IN ('OpEx', 'CapEx')),
    unit_of_measure  VARCHAR,
    source           VARCHAR,
    source_row       BIGINT,
    CHECK (expense_type IS NULL OR layer = 'cost_sub_pool')
);

-- What each table holds, visible from SQL: SELECT table_name, comment FROM duckdb_tables().
COMMENT ON TABLE run IS 'One execution of a crosswalk command that read inputs or changed the store';
COMMENT ON TABLE source_file IS 'One input file loaded (billing export or enterprise extract), with row counts';
COMMENT ON TABLE rejected_row IS 'One reason an input row (or a whole file) was not loaded, with its raw values';
COMMENT ON TABLE cost_line IS 'One row of a FOCUS 1.0-1.2 cost and usage export, FOCUS columns by FOCUS name';
COMMENT ON TABLE resource IS 'One cloud resource as billing shows it, derived from cost_line';
COMMENT ON TABLE asset IS 'One hardware, virtual or cloud item of the IT asset register';
COMMENT ON TABLE entitlement IS 'One software license right held: a purchase line or a subscription';
COMMENT ON TABLE installation IS 'One software product installed or in use on one host';
COMMENT ON TABLE ci IS 'One configuration item of the CMDB';
COMMENT ON TABLE ci_relation IS 'One directed relationship between two configuration items';
COMMENT ON TABLE contract IS 'One agreement with a vendor: support, maintenance, SaaS, cloud commitment, license';
COMMENT ON TABLE ledger_line IS 'One general-ledger posting line of IT spend';
COMMENT ON TABLE budget IS 'One planned amount for one month and one scope';
COMMENT ON TABLE cost_center IS 'One cost center of the organization';
COMMENT ON TABLE business_unit IS 'One business unit of the organization';
COMMENT ON TABLE business_metric IS 'One value of one business driver for a period and scope (unit cost)';
COMMENT ON TABLE taxonomy_node IS 'One element of a cost taxonomy (TBM v5.0.1 or v4)';
