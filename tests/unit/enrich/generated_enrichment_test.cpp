// Enrichment on the generated demo company (the generated_workspace fixture, after `crosswalk run`), against
// what the generator knows (expected.json): every untagged resource whose application the data can reveal
// (by its name, its account or the CMDB) gets that application and no resource gets a wrong one; those marked
// `none` stay without one. Every cost line has exactly one dimension row, and each value names its source.
#include <fstream>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/prepared_statement.hpp"
#include "crosswalk/workspace/workspace.hpp"

#include "support/generated_workspace.hpp"

namespace crosswalk::enrich {
namespace {

class GeneratedEnrichmentTest : public ::testing::Test {
protected:
    static nlohmann::json Expected() {
        std::ifstream in(crosswalk::testing::LoadedWorkspace() / "expected.json");
        return nlohmann::json::parse(in);
    }

    // The application(s) the enriched lines of one resource carry, "|"-joined in order ("" for none).
    std::string ApplicationsOf(const std::string& resource_id) {
        return connection_
            .Prepare("SELECT coalesce(string_agg(DISTINCT coalesce(application, '(none)'), '|' ORDER BY "
                     "coalesce(application, '(none)')), '') FROM cost_line_enriched WHERE ResourceId = $1")
            .Execute(resource_id)
            .ScalarString()
            .value_or("");
    }

    // Read-only: other test processes read the same fixture at the same time.
    workspace::Workspace workspace_ =
        workspace::Workspace::Open(crosswalk::testing::LoadedWorkspace(), workspace::AccessMode::kReadOnly);
    store::Connection connection_ = workspace_.Connect();
};

TEST_F(GeneratedEnrichmentTest, UntaggedResourcesGetTheirTrueApplicationOrNone) {
    const nlohmann::json expected = Expected();
    const nlohmann::json& untagged = expected.at("tags").at("untagged_resources");
    ASSERT_FALSE(untagged.empty());
    std::map<std::string, int> found_by;
    for (const nlohmann::json& resource : untagged) {
        const std::string id = resource.at("resource_id").get<std::string>();
        const std::string how = resource.at("found_by").get<std::string>();
        ++found_by[how];
        const std::string want = how == "none" ? "(none)" : resource.at("application").get<std::string>();
        EXPECT_EQ(ApplicationsOf(id), want)
            << id << " (" << resource.at("resource_name") << ", found by " << how << ")";
    }
    // The fixture exercises every way of finding an application.
    for (const char* how : {"name", "account", "cmdb", "none"}) {
        EXPECT_GT(found_by[how], 0) << how;
    }
}

TEST_F(GeneratedEnrichmentTest, EveryLineIsEnrichedOnceAndEveryValueNamesItsSource) {
    EXPECT_EQ(connection_.Query("SELECT count(*) FROM cost_line_enriched").ScalarInt64(),
              connection_.Query("SELECT count(*) FROM cost_line").ScalarInt64());
    EXPECT_EQ(connection_.Query("SELECT sum(BilledCost)::VARCHAR FROM cost_line_enriched").ScalarString(),
              connection_.Query("SELECT sum(BilledCost)::VARCHAR FROM cost_line").ScalarString());
    EXPECT_EQ(connection_
                  .Query("SELECT count(*) FROM cost_line c WHERE NOT EXISTS (SELECT 1 FROM enrichment_key k "
                         "WHERE k.ResourceId IS NOT DISTINCT FROM c.ResourceId AND k.Tags IS NOT DISTINCT "
                         "FROM c.Tags::VARCHAR AND k.ServiceName IS NOT DISTINCT FROM c.ServiceName)")
                  .ScalarInt64(),
              0);
    EXPECT_EQ(connection_
                  .Query("SELECT count(*) FROM cost_dimension WHERE (application IS NULL) <> (application_source IS "
                         "NULL) OR (cost_center IS NULL) <> (cost_center_source IS NULL) OR (tower IS NULL) <> "
                         "(tower_source IS NULL) OR (environment IS NULL) <> (environment_source IS NULL)")
                  .ScalarInt64(),
              0);
    // Tagged applications are CMDB ids after the demo's tag rules (APP-PAY, not pay or Payments).
    EXPECT_EQ(connection_
                  .Query("SELECT count(*) FROM cost_dimension WHERE application IS NOT NULL AND application NOT IN "
                         "(SELECT ci_id FROM ci WHERE class = 'application')")
                  .ScalarInt64(),
              0);
    // On-prem cost lands in the same taxonomy: every ledger line has a cost pool, every asset a tower.
    EXPECT_EQ(connection_.Query("SELECT count(*) FROM ledger_line_enriched WHERE cost_pool IS NULL").ScalarInt64(), 0);
    EXPECT_EQ(connection_.Query("SELECT count(*) FROM asset_enriched WHERE tower IS NULL").ScalarInt64(), 0);
    EXPECT_EQ(connection_.Query("SELECT count(*) FROM ledger_line_enriched").ScalarInt64(),
              connection_.Query("SELECT count(*) FROM ledger_line").ScalarInt64());
    // The run recorded the rules it applied.
    EXPECT_EQ(connection_
                  .Query("SELECT count(*) FROM run WHERE command = 'run' AND status = 'succeeded' AND "
                         "rules_sha256 IS NOT NULL")
                  .ScalarInt64(),
              1);
}

} // namespace
} // namespace crosswalk::enrich
