-- Version 11: one spelling for a vendor's many names (rules/vendors.yaml, docs/rules.md). The ledger says
-- "Amazon Web Services, Inc.", the bill says "AWS", a contract "Amazon Web Services EMEA SARL": names are
-- compared folded, and the vendor rules map folded names to one vendor.

-- A vendor name folded for comparison: lower case, '&' as 'and', every run of other characters as one space,
-- and the legal-form words at its end dropped ("Globant S.A." -> "globant", "Datadog, Inc." -> "datadog",
-- "Microsoft Ireland Operations Ltd" -> "microsoft ireland operations"). NULL and '' fold to NULL.
CREATE MACRO vendor_fold(name) AS nullif(trim(regexp_replace(
    trim(regexp_replace(replace(lower(CAST(name AS VARCHAR)), '&', ' and '), '[^a-z0-9]+', ' ', 'g')),
    '( (inc|incorporated|corp|corporation|co|company|ltd|limited|llc|llp|lp|plc|gmbh|ag|kg|sa|s a|sas|sarl|srl|spa|s p a|bv|b v|nv|n v|oy|ab|as|a s|pty|kk|ulc|lda|sl|se))+$',
    '')), '');
