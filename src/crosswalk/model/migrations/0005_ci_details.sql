-- Version 5: what a CMDB export carries about a CI besides its identity (ServiceNow's serial_number,
-- install_date, cost and cost_cc, assigned_to and discovery_source).
ALTER TABLE ci ADD COLUMN serial_number VARCHAR;
ALTER TABLE ci ADD COLUMN install_date DATE;
ALTER TABLE ci ADD COLUMN cost DECIMAL(38, 6); -- >= 0, checked by the loader (DuckDB cannot add a CHECK)
ALTER TABLE ci ADD COLUMN currency VARCHAR;
ALTER TABLE ci ADD COLUMN assigned_to VARCHAR;
ALTER TABLE ci ADD COLUMN discovery_source VARCHAR;
