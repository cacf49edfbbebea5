-- Version 6: the taxonomy as data (docs/taxonomy.md). The shipped TBM tables and default mappings
-- (src/crosswalk/model/data/, compiled into the binary) are loaded by model::LoadShippedTaxonomy whenever a
-- workspace's database is opened read-write; these tables hold them and what the defaults decide.

-- Which shipped reference data a database holds: one row per data set ('tbm'). A binary whose embedded files
-- have another fingerprint replaces the shipped rows and this row in one transaction.
CREATE TABLE reference_data (
    name        VARCHAR NOT NULL,  -- 'tbm': taxonomy_node, taxonomy_alias and the default_*_rule tables
    release     VARCHAR NOT NULL,  -- human-readable, e.g. 'TBM 5.0.1 + v4.x aliases; crosswalk defaults 1'
    fingerprint VARCHAR NOT NULL,  -- FNV-1a 64 (hex) of every embedded file's path and bytes
    row_count   BIGINT NOT NULL,   -- rows loaded over all its tables
    loaded_at   TIMESTAMP NOT NULL -- UTC
);

-- A name of an older taxonomy version (TBM v4.x) that stands for a node of the current one (v5.0.1), from
-- tbm-v4-to-v5_crosswalk.csv. One v4 name may stand for several v5 nodes ('LAN/WAN' -> LAN and WAN): one row
-- each. The v4 names are also nodes themselves (taxonomy_node rows with taxonomy_version '4.x').
CREATE TABLE taxonomy_alias (
    taxonomy          VARCHAR NOT NULL, -- 'tbm'
    alias_version     VARCHAR NOT NULL, -- '4.x'
    alias_layer       VARCHAR NOT NULL CHECK (alias_layer IN ('cost_pool', 'cost_sub_pool', 'tower', 'sub_tower')),
    alias_parent_name VARCHAR,          -- the v4 tower of a v4 sub-tower, the v4 pool of a v4 sub-pool
    alias_name        VARCHAR NOT NULL,
    node_id           BIGINT NOT NULL,  -- the v5.0.1 taxonomy_node it stands for
    confidence        VARCHAR,          -- high, medium, low (the crosswalk's own judgement)
    note              VARCHAR,
    source            VARCHAR,          -- shipped file
    source_row        BIGINT            -- line in that file (the header is line 1); NULL when derived
);

-- The default mapping of cloud charges, one row per shipped default row. A NULL match column matches any
-- value; the others must equal the charge's (case-insensitively). Precedence: 1 ServiceName rows
-- (cloud-servicename_to_tbm.csv), 2 ServiceSubcategory rows, 3 ServiceCategory rows; within a level, the
-- file's order. The tower pair and the cost pool pair are decided separately: the first matching row that
-- names a tower decides the tower, the first that names a cost pool decides the cost pool.
CREATE TABLE default_cloud_service_rule (
    rule_order         INTEGER NOT NULL, -- the evaluation order: by precedence, then line
    precedence         INTEGER NOT NULL CHECK (precedence IN (1, 2, 3)),
    ProviderName       VARCHAR,
    ServiceCategory    VARCHAR,
    ServiceSubcategory VARCHAR,
    ServiceName        VARCHAR,
    cost_pool          VARCHAR,
    cost_sub_pool      VARCHAR,
    tower              VARCHAR,
    sub_tower          VARCHAR,
    confidence         VARCHAR,
    note               VARCHAR,
    source             VARCHAR NOT NULL  -- 'default:<file>:<line>'
);

-- The default mapping of general-ledger accounts to cost sub-pools (ledger-account_to_tbm.csv). A row
-- matches when account_pattern (a regular expression) fully matches the account and account_name_pattern
-- (a case-insensitive regular expression) occurs in the account name; NULL matches anything. First match in
-- file order wins.
CREATE TABLE default_ledger_account_rule (
    rule_order           INTEGER NOT NULL,
    account_pattern      VARCHAR,
    account_name_pattern VARCHAR,
    cost_pool            VARCHAR NOT NULL,
    cost_sub_pool        VARCHAR,
    confidence           VARCHAR,
    note                 VARCHAR,
    source               VARCHAR NOT NULL
);

-- The default mapping of asset categories and types to towers (asset-type_to_tbm.csv). A row matches when
-- category equals the asset's (case-insensitively; NULL: any) and asset_type_pattern (a case-insensitive
-- regular expression; NULL: any) occurs in its asset_type. Tower and cost pool are decided separately, each
-- by the first matching row in file order that names one.
CREATE TABLE default_asset_rule (
    rule_order         INTEGER NOT NULL,
    category           VARCHAR,
    asset_type_pattern VARCHAR,
    tower              VARCHAR,
    sub_tower          VARCHAR,
    cost_pool          VARCHAR,
    cost_sub_pool      VARCHAR,
    confidence         VARCHAR,
    note               VARCHAR,
    source             VARCHAR NOT NULL
);

-- What the defaults decide, one row per distinct key of the data, rebuilt by enrich::MapCloudServicesToTaxonomy,
-- MapLedgerAccountsToCostPools and MapAssetTypesToTowers. A NULL tower (or cost pool) with a NULL *_source is
-- unmapped: the `unmapped` report lists it.
CREATE TABLE cloud_service_taxonomy (
    ProviderName       VARCHAR,
    ServiceCategory    VARCHAR,
    ServiceSubcategory VARCHAR,
    ServiceName        VARCHAR,
    cost_pool          VARCHAR,
    cost_sub_pool      VARCHAR,
    cost_pool_source   VARCHAR, -- 'default:<file>:<line>' of the row that decided it
    tower              VARCHAR,
    sub_tower          VARCHAR,
    tower_source       VARCHAR
);

CREATE TABLE ledger_account_taxonomy (
    account          VARCHAR NOT NULL,
    account_name     VARCHAR,
    cost_pool        VARCHAR,
    cost_sub_pool    VARCHAR,
    cost_pool_source VARCHAR
);

CREATE TABLE asset_type_taxonomy (
    category         VARCHAR,
    asset_type       VARCHAR,
    tower            VARCHAR,
    sub_tower        VARCHAR,
    tower_source     VARCHAR,
    cost_pool        VARCHAR,
    cost_sub_pool    VARCHAR,
    cost_pool_source VARCHAR
);

COMMENT ON TABLE reference_data IS 'Which shipped reference data (TBM taxonomy, default mappings) the database holds';
COMMENT ON TABLE taxonomy_alias IS 'A TBM v4.x name standing for a v5.0.1 taxonomy_node';
COMMENT ON TABLE default_cloud_service_rule IS 'One shipped default row mapping cloud charges to a cost pool and tower';
COMMENT ON TABLE default_ledger_account_rule IS 'One shipped default row mapping ledger accounts to a cost pool';
COMMENT ON TABLE default_asset_rule IS 'One shipped default row mapping asset categories/types to a tower';
COMMENT ON TABLE cloud_service_taxonomy IS 'Cost pool and tower of each distinct cloud service key, with the deciding rule';
COMMENT ON TABLE ledger_account_taxonomy IS 'Cost pool of each distinct ledger account, with the deciding rule';
COMMENT ON TABLE asset_type_taxonomy IS 'Tower and cost pool of each distinct asset category and type, with the deciding rule';
