-- Version 7: enrichment (docs/enrichment.md). The dimensions of cost lines are decided once per distinct
-- enrichment key, never per row, and kept keyed by it: cost_line_enriched joins them back at query time.

-- One distinct enrichment key of cost_line: what tag rules, naming rules, account defaults, the CMDB and the
-- taxonomy read. Tags is the tag set's JSON text as stored. Kept incrementally: the enrich stage adds the keys
-- of files it has not seen (enriched_source_file) and drops keys no cost line holds any more.
-- Natural key: all the columns but key_id (compared with IS NOT DISTINCT FROM).
CREATE SEQUENCE enrichment_key_id_seq START 1;

CREATE TABLE enrichment_key (
    key_id             BIGINT NOT NULL DEFAULT nextval('enrichment_key_id_seq'),
    ProviderName       VARCHAR,
    BillingAccountId   VARCHAR,
    SubAccountId       VARCHAR,
    ResourceId         VARCHAR,
    ResourceName       VARCHAR,
    Tags               VARCHAR,
    ServiceCategory    VARCHAR,
    ServiceSubcategory VARCHAR,
    ServiceName        VARCHAR,
    SkuId              VARCHAR,
    ResourceType       VARCHAR
);

-- The FOCUS files whose cost lines' keys are in enrichment_key.
CREATE TABLE enriched_source_file (
    source_file_id BIGINT NOT NULL
);

-- The dimensions of each enrichment key (with the key's columns), rebuilt by every enrich stage. Each value has a *_source: where it
-- came from ('tag:App', 'cmdb:CI-123', 'account:123456', 'name:standard', 'rule:tags.yaml:14',
-- 'default:cloud-servicename_to_tbm.csv:12'); NULL value and source when nothing gave one.
CREATE TABLE cost_dimension (
    key_id                  BIGINT NOT NULL,
    ProviderName            VARCHAR, -- the key's columns, as in enrichment_key, so that the view joins one table
    BillingAccountId        VARCHAR,
    SubAccountId            VARCHAR,
    ResourceId              VARCHAR,
    ResourceName            VARCHAR,
    Tags                    VARCHAR,
    ServiceCategory         VARCHAR,
    ServiceSubcategory      VARCHAR,
    ServiceName             VARCHAR,
    SkuId                   VARCHAR,
    ResourceType            VARCHAR,
    application             VARCHAR,
    application_source      VARCHAR,
    business_service        VARCHAR,
    business_service_source VARCHAR,
    cost_center             VARCHAR,
    cost_center_source      VARCHAR,
    business_unit           VARCHAR,
    business_unit_source    VARCHAR,
    owner                   VARCHAR,
    owner_source            VARCHAR,
    environment             VARCHAR,
    environment_source      VARCHAR,
    cost_pool               VARCHAR,
    cost_pool_source        VARCHAR,
    tower                   VARCHAR,
    tower_source            VARCHAR,
    sub_tower               VARCHAR,
    sub_tower_source        VARCHAR,
    solution                VARCHAR,
    solution_source         VARCHAR
);

-- What the last enrichment computed on: the rules' hash and a fingerprint of every active source file and of
-- the crosswalk version. A stage that finds both unchanged has nothing to redo. One row at most.
CREATE TABLE enrichment_state (
    rules_sha256 VARCHAR,
    inputs       VARCHAR NOT NULL,
    enriched_at  TIMESTAMP NOT NULL
);

-- Every cost line with its dimensions. A line whose key the enrich stage has not seen yet (loaded by
-- `crosswalk ingest` alone, before the next `crosswalk run`) has NULL dimensions.
CREATE VIEW cost_line_enriched AS
SELECT c.*,
       d.application, d.application_source, d.business_service, d.business_service_source,
       d.cost_center, d.cost_center_source, d.business_unit, d.business_unit_source,
       d.owner, d.owner_source, d.environment, d.environment_source,
       d.cost_pool, d.cost_pool_source, d.tower, d.tower_source, d.sub_tower, d.sub_tower_source,
       d.solution, d.solution_source
FROM cost_line AS c
LEFT JOIN cost_dimension AS d
  ON  d.ProviderName IS NOT DISTINCT FROM c.ProviderName
  AND d.BillingAccountId IS NOT DISTINCT FROM c.BillingAccountId
  AND d.SubAccountId IS NOT DISTINCT FROM c.SubAccountId
  AND d.ResourceId IS NOT DISTINCT FROM c.ResourceId
  AND d.ResourceName IS NOT DISTINCT FROM c.ResourceName
  AND d.Tags IS NOT DISTINCT FROM c.Tags::VARCHAR
  AND d.ServiceCategory IS NOT DISTINCT FROM c.ServiceCategory
  AND d.ServiceSubcategory IS NOT DISTINCT FROM c.ServiceSubcategory
  AND d.ServiceName IS NOT DISTINCT FROM c.ServiceName
  AND d.SkuId IS NOT DISTINCT FROM c.SkuId
  AND d.ResourceType IS NOT DISTINCT FROM c.ResourceType;

-- On-prem cost in the same taxonomy: every ledger line with the cost pool of its account, every asset with the
-- tower and cost pool of its category and type (ledger_account_taxonomy and asset_type_taxonomy, rebuilt by
-- the enrich stage; rules/taxonomy.yaml overrides the shipped defaults).
CREATE VIEW ledger_line_enriched AS
SELECT l.*, t.cost_pool, t.cost_sub_pool, t.cost_pool_source
FROM ledger_line AS l
LEFT JOIN ledger_account_taxonomy AS t
  ON t.account = l.account AND t.account_name IS NOT DISTINCT FROM l.account_name;

CREATE VIEW asset_enriched AS
SELECT a.*, t.tower, t.sub_tower, t.tower_source, t.cost_pool, t.cost_sub_pool, t.cost_pool_source
FROM asset AS a
LEFT JOIN asset_type_taxonomy AS t
  ON t.category IS NOT DISTINCT FROM a.category AND t.asset_type IS NOT DISTINCT FROM a.asset_type;

-- The kind of source a *_source names: tag, cmdb, account, name (a value map of tags.yaml or naming.yaml
-- counts as its kind), org, taxonomy (an override), default (the shipped mapping); NULL for NULL.
CREATE MACRO enrichment_source_kind(source) AS
    CASE WHEN source IS NULL THEN NULL
         WHEN starts_with(source, 'rule:tags.yaml:') THEN 'tag'
         WHEN starts_with(source, 'rule:naming.yaml:') THEN 'name'
         WHEN starts_with(source, 'rule:accounts.yaml:') THEN 'account'
         WHEN starts_with(source, 'rule:taxonomy.yaml:') THEN 'taxonomy'
         ELSE split_part(source, ':', 1) END;

COMMENT ON TABLE enrichment_key IS 'One distinct enrichment key of cost_line (what the rules read)';
COMMENT ON TABLE enriched_source_file IS 'FOCUS files whose keys are in enrichment_key';
COMMENT ON TABLE enrichment_state IS 'What the last enrichment computed on (rules and inputs)';
COMMENT ON TABLE cost_dimension IS 'The dimensions of each enrichment key, with where each came from';
COMMENT ON VIEW ledger_line_enriched IS 'Every ledger line with the TBM cost pool of its account';
COMMENT ON VIEW asset_enriched IS 'Every asset with the TBM tower and cost pool of its category and type';
COMMENT ON VIEW cost_line_enriched IS 'Every cost line with application, cost center, tower, ... and their sources';
