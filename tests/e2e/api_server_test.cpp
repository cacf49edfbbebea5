// The REST API against a real server on loopback, over a copy of the generated demo: every route against the
// OpenAPI description, CLI and API row for row, authentication and roles, cost-center scoping through every
// endpoint, filter and export, keyset pages, JSON errors, and a `crosswalk run` while serving.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "crosswalk/api/server.hpp"
#include "crosswalk/common/error.hpp"
#include "crosswalk/report/reports.hpp"

#include "support/crosswalk_cli.hpp"
#include "support/generated_workspace.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::Crosswalk;
using testing::ProcessResult;

constexpr const char* kScopedCostCenter = "CC-2200";

// `crosswalk token create USER`: the token it prints.
std::string CreateToken(const fs::path& workspace, const std::string& user) {
    const ProcessResult token = Crosswalk({"token", "create", user, "-w", workspace.string(), "--label", "test"});
    EXPECT_EQ(token.exit_code, 0) << token.err;
    std::string text = token.out;
    text.erase(text.find_last_not_of('\n') + 1);
    return text;
}

void AddUser(const fs::path& workspace, const std::vector<std::string>& arguments) {
    std::vector<std::string> command = {"user", "add", "-w", workspace.string()};
    command.insert(command.end(), arguments.begin(), arguments.end());
    const ProcessResult added = Crosswalk(command);
    ASSERT_EQ(added.exit_code, 0) << added.err;
}

class GeneratedApiServerTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        directory_ = new testing::TempDir();
        workspace_ = *directory_ / "demo";
        testing::CopyFolder(testing::LoadedWorkspace(), workspace_);
        AddUser(workspace_, {"admin", "--role", "admin"});
        AddUser(workspace_, {"editor", "--role", "editor"});
        AddUser(workspace_, {"viewer"});
        AddUser(workspace_, {"scoped", "--cost-center", kScopedCostCenter});
        admin_ = new std::string(CreateToken(workspace_, "admin"));
        editor_ = new std::string(CreateToken(workspace_, "editor"));
        viewer_ = new std::string(CreateToken(workspace_, "viewer"));
        scoped_ = new std::string(CreateToken(workspace_, "scoped"));
        api::ServeOptions options;
        options.root = workspace_;
        options.port = 0;
        options.refresh_interval = std::chrono::milliseconds(200);
        options.warm_cache = false;
        server_ = new api::Server(options);
        port_ = server_->Bind();
        listener_ = new std::thread([] { server_->Listen(); });
    }

    static void TearDownTestSuite() {
        server_->Stop();
        listener_->join();
        delete listener_;
        delete server_;
        delete admin_;
        delete editor_;
        delete viewer_;
        delete scoped_;
        delete directory_;
    }

    static httplib::Result Get(const std::string& path, const std::string* token) {
        httplib::Client client("127.0.0.1", port_);
        client.set_read_timeout(120, 0);
        httplib::Headers headers;
        if (token != nullptr) {
            headers.emplace("Authorization", "Bearer " + *token);
        }
        return client.Get(path.c_str(), headers);
    }

    static httplib::Result Post(const std::string& path, const std::string* token) {
        httplib::Client client("127.0.0.1", port_);
        httplib::Headers headers;
        if (token != nullptr) {
            headers.emplace("Authorization", "Bearer " + *token);
        }
        return client.Post(path.c_str(), headers, "", "application/json");
    }

    // GET path as `token`, expecting `status`; the body as JSON.
    static json GetJson(const std::string& path, const std::string* token, int status = 200) {
        const httplib::Result result = Get(path, token);
        EXPECT_TRUE(result) << path;
        if (!result) {
            return json();
        }
        EXPECT_EQ(result->status, status) << path << ": " << result->body;
        EXPECT_EQ(result->get_header_value("Content-Type"), "application/json") << path;
        return json::parse(result->body);
    }

    static inline testing::TempDir* directory_ = nullptr;
    static inline fs::path workspace_;
    static inline std::string* admin_ = nullptr;
    static inline std::string* editor_ = nullptr;
    static inline std::string* viewer_ = nullptr;
    static inline std::string* scoped_ = nullptr;
    static inline api::Server* server_ = nullptr;
    static inline std::thread* listener_ = nullptr;
    static inline int port_ = 0;
};

// The error body every failure has: {"error": {"kind", "message"}}.
void ExpectError(const json& body, const std::string& kind) {
    ASSERT_TRUE(body.contains("error")) << body.dump();
    EXPECT_EQ(body["error"]["kind"], kind) << body.dump();
    EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
}

// The keys a schema of the description requires, all present in `body`.
void ExpectConforms(const json& document, const json& schema_ref, const json& body, const std::string& where) {
    const std::string ref = schema_ref["$ref"];
    const json& schema = document["components"]["schemas"][ref.substr(ref.rfind('/') + 1)];
    for (const auto& key : schema["required"]) {
        EXPECT_TRUE(body.contains(key.get<std::string>()))
            << where << " lacks " << key << ": " << body.dump().substr(0, 300);
    }
    for (const auto& [key, property] : schema["properties"].items()) {
        if (!body.contains(key) || (body[key].is_null() && property.value("nullable", false))) {
            continue;
        }
        const std::string type = property.value("type", "");
        const json& value = body[key];
        const bool matches = type == "string"    ? value.is_string()
                             : type == "integer" ? value.is_number_integer()
                             : type == "boolean" ? value.is_boolean()
                             : type == "array"   ? value.is_array()
                             : type == "object"  ? value.is_object()
                                                 : true;
        EXPECT_TRUE(matches) << where << ": " << key << " is not a " << type;
    }
}

TEST_F(GeneratedApiServerTest, EveryRouteOfTheDescriptionAnswersAsDescribed) {
    const json document = GetJson("/api/v1/openapi.json", nullptr); // public
    EXPECT_EQ(document["openapi"], "3.0.3");
    // Every report of the catalog has its route.
    for (const report::ReportInfo& info : report::Reports()) {
        EXPECT_TRUE(document["paths"].contains("/api/v1/reports/" + info.name)) << info.name;
    }
    const json me = GetJson("/api/v1/me", admin_);
    ASSERT_EQ(me["role"], "admin");
    int answered = 0;
    for (const auto& [path, operations] : document["paths"].items()) {
        for (const auto& [method, operation] : operations.items()) {
            // The path's parameters by example (std::regex is left out: GCC 12 warns inside it under ASan).
            std::string concrete = path;
            for (const auto& [parameter, example] :
                 {std::pair<std::string, std::string>{"{dimension}", "cost_center"}, {"{value}", kScopedCostCenter}}) {
                if (const size_t at = concrete.find(parameter); at != std::string::npos) {
                    concrete.replace(at, parameter.size(), example);
                }
            }
            const httplib::Result result = method == "post" ? Post(concrete, admin_) : Get(concrete, admin_);
            ASSERT_TRUE(result) << concrete;
            const std::string status = std::to_string(result->status);
            ASSERT_TRUE(operation["responses"].contains(status))
                << method << " " << concrete << " answered " << status
                << ", which the description does not list: " << result->body.substr(0, 300);
            const json& described = operation["responses"][status]["content"]["application/json"]["schema"];
            ExpectConforms(document, described, json::parse(result->body), method + " " + concrete);
            ++answered;
        }
    }
    EXPECT_GE(answered, static_cast<int>(report::Reports().size()) + 7);
    // What the description does not name is a JSON 404.
    ExpectError(GetJson("/api/v1/nothing-here", admin_, 404), "not_found");
    ExpectError(GetJson("/api/v2/reports", admin_, 404), "not_found");
}

// The API's rows are the CLI's, for every report, byte for byte once parsed; and a CSV download is the CLI's CSV.
TEST_F(GeneratedApiServerTest, EveryReportAnswersTheRowsTheCliPrints) {
    int compared = 0;
    for (const report::ReportInfo& info : report::Reports()) {
        const ProcessResult cli = Crosswalk({"report", info.name, "-w", workspace_.string(), "--format", "json"});
        const httplib::Result result = Get(fmt::format("/api/v1/reports/{}?limit=100000", info.name), admin_);
        ASSERT_TRUE(result);
        if (cli.exit_code != 0) {
            // The same refusal: a report with nothing to show yet answers its error.
            EXPECT_NE(result->status, 200) << info.name << ": the CLI failed (" << cli.err << ") but the API answered";
            ExpectError(json::parse(result->body), result->status == 404 ? "not_found" : "invalid_input");
            continue;
        }
        ASSERT_EQ(result->status, 200) << info.name << ": " << result->body;
        const json page = json::parse(result->body);
        EXPECT_EQ(page["rows"], json::parse(cli.out)) << info.name;
        EXPECT_EQ(page["matched"], page["rows"].size()) << info.name;
        EXPECT_TRUE(page["next_cursor"].is_null()) << info.name;
        ++compared;
    }
    EXPECT_GE(compared, 20);
    const ProcessResult csv = Crosswalk({"report", "chargeback", "-w", workspace_.string(), "--format", "csv"});
    const httplib::Result download = Get("/api/v1/reports/chargeback?format=csv", admin_);
    ASSERT_TRUE(download);
    EXPECT_EQ(download->body, csv.out);
    EXPECT_EQ(download->get_header_value("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_NE(download->get_header_value("Content-Disposition").find("chargeback.csv"), std::string::npos);
    const httplib::Result workbook = Get("/api/v1/reports/chargeback?format=xlsx", admin_);
    ASSERT_TRUE(workbook);
    EXPECT_EQ(workbook->body.substr(0, 2), "PK"); // a zip: the workbook
}

TEST_F(GeneratedApiServerTest, KeysetPagesWalkTheSortedListOnceEach) {
    const json all = GetJson("/api/v1/reports/chargeback?sort=-total_billed&limit=100000", viewer_);
    ASSERT_GT(all["rows"].size(), 20U);
    json walked = json::array();
    std::string cursor;
    int pages = 0;
    while (true) {
        const json page = GetJson(fmt::format("/api/v1/reports/chargeback?sort=-total_billed&limit=7{}",
                                              cursor.empty() ? "" : "&cursor=" + cursor),
                                  viewer_);
        EXPECT_EQ(page["matched"], all["rows"].size());
        EXPECT_EQ(page["totals"], all["totals"]); // the report's totals, over every page
        for (const auto& row : page["rows"]) {
            walked.push_back(row);
        }
        ++pages;
        if (page["next_cursor"].is_null()) {
            break;
        }
        cursor = page["next_cursor"];
    }
    EXPECT_EQ(walked, all["rows"]);
    EXPECT_EQ(pages, static_cast<int>((all["rows"].size() + 6) / 7));
    // Sorted by the exact value, largest first, NULLs last.
    for (size_t i = 1; i < walked.size(); ++i) {
        EXPECT_GE(std::stod(walked[i - 1]["total_billed"].get<std::string>()),
                  std::stod(walked[i]["total_billed"].get<std::string>()));
    }
    // Filters: columns, several values, and search.
    const json aws = GetJson("/api/v1/reports/chargeback?provider=AWS&limit=100000", viewer_);
    ASSERT_FALSE(aws["rows"].empty());
    for (const auto& row : aws["rows"]) {
        EXPECT_EQ(row["provider"], "AWS");
    }
    const json two = GetJson("/api/v1/reports/chargeback?provider=AWS,Microsoft&limit=100000", viewer_);
    const json microsoft = GetJson("/api/v1/reports/chargeback?provider=Microsoft&limit=100000", viewer_);
    EXPECT_EQ(two["matched"], aws["matched"].get<size_t>() + microsoft["matched"].get<size_t>());
    const json search = GetJson("/api/v1/reports/chargeback?q=amazon%20elastic%20compute&limit=100000", viewer_);
    ASSERT_FALSE(search["rows"].empty());
    for (const auto& row : search["rows"]) {
        EXPECT_EQ(row["service"], "Amazon Elastic Compute Cloud");
    }
    // Filtered totals are the sums of the matching rows, per currency.
    ASSERT_EQ(aws["totals"].size(), 1U);
    EXPECT_EQ(aws["totals"][0]["currency"], "USD");
}

TEST_F(GeneratedApiServerTest, ErrorsAreJsonWithAKindAndAMessage) {
    ExpectError(GetJson("/api/v1/reports/chargeback?period=2026-13", viewer_, 400), "invalid_input");
    ExpectError(GetJson("/api/v1/reports/kpis?period=2031-01", viewer_, 404), "not_found");
    ExpectError(GetJson("/api/v1/reports/chargebak", viewer_, 404), "not_found");
    ExpectError(GetJson("/api/v1/reports/chargeback?colour=blue", viewer_, 400), "invalid_input");
    ExpectError(GetJson("/api/v1/reports/chargeback?sort=colour", viewer_, 400), "invalid_input");
    ExpectError(GetJson("/api/v1/reports/chargeback?limit=0", viewer_, 400), "invalid_input");
    ExpectError(GetJson("/api/v1/reports/chargeback?cursor=zz", viewer_, 400), "invalid_input");
    ExpectError(GetJson("/api/v1/reports/chargeback?format=pdf", viewer_, 400), "invalid_input");
    ExpectError(GetJson("/api/v1/reports/taxonomy?horizon=3", viewer_, 400), "invalid_input");
    const json year = GetJson("/api/v1/reports/chargeback?year=2026", viewer_, 400); // an option of other reports
    EXPECT_NE(year["error"]["message"].get<std::string>().find(
                  "does not take --year and has no column year; it takes --period"),
              std::string::npos)
        << year.dump();
    // A parameter given twice is any of its values; a number filters by value.
    const json twice = GetJson("/api/v1/reports/chargeback?provider=AWS&provider=Microsoft", viewer_);
    const json comma = GetJson("/api/v1/reports/chargeback?provider=AWS,Microsoft", viewer_);
    EXPECT_EQ(twice["matched"], comma["matched"]);
    EXPECT_GT(twice["matched"], 0);
    EXPECT_EQ(GetJson("/api/v1/reports/chargeback?shared_allocated=0", viewer_)["matched"],
              GetJson("/api/v1/reports/chargeback?shared_allocated=0.0000000000", viewer_)["matched"]);
    // The other methods of a route are 405 with the ones it has.
    const httplib::Result get_refresh = Get("/api/v1/snapshot/refresh", viewer_);
    ASSERT_TRUE(get_refresh);
    EXPECT_EQ(get_refresh->status, 405);
    EXPECT_EQ(get_refresh->get_header_value("Allow"), "POST");
    ExpectError(GetJson("/api/v1/explain/tower/Compute", viewer_, 404), "not_found");
    const httplib::Result deleted = httplib::Client("127.0.0.1", port_).Delete("/api/v1/reports/chargeback");
    ASSERT_TRUE(deleted);
    EXPECT_TRUE(deleted->status == 404 || deleted->status == 405) << deleted->status;
    ExpectError(json::parse(deleted->body), deleted->status == 405 ? "method_not_allowed" : "not_found");
}

TEST_F(GeneratedApiServerTest, TokensRolesAndWhatIsPublic) {
    // The page, its scripts and the description need no token; everything else does.
    for (const std::string path : {"/", "/app.js", "/app.css", "/echarts.min.js", "/api/v1/openapi.json"}) {
        const httplib::Result result = Get(path, nullptr);
        ASSERT_TRUE(result);
        EXPECT_EQ(result->status, 200) << path;
    }
    for (const std::string path : {"/api/v1/me", "/api/v1/reports", "/api/v1/reports/chargeback",
                                   "/api/v1/reports/chargeback?format=csv", "/api/v1/snapshot", "/api/v1/users",
                                   "/api/v1/explain/cost_center/CC-2200", "/api/v1/lines?cost_center=CC-2200"}) {
        const httplib::Result result = Get(path, nullptr);
        ASSERT_TRUE(result);
        EXPECT_EQ(result->status, 401) << path;
        EXPECT_EQ(result->get_header_value("WWW-Authenticate"), "Bearer realm=\"crosswalk\"");
        ExpectError(json::parse(result->body), "unauthorized");
        const std::string forged = "cw_000000000000_notatoken";
        ExpectError(GetJson(path, &forged, 401), "unauthorized");
    }
    // Roles: users and refresh are for admins and editors.
    ExpectError(GetJson("/api/v1/users", viewer_, 403), "forbidden");
    ExpectError(GetJson("/api/v1/users", editor_, 403), "forbidden");
    const json users = GetJson("/api/v1/users", admin_);
    EXPECT_EQ(users["users"].size(), 4U);
    const std::string listed = users.dump();
    for (const std::string* token : {admin_, editor_, viewer_, scoped_}) {
        EXPECT_EQ(listed.find(*token), std::string::npos); // never the token,
    }
    EXPECT_EQ(listed.find("sha256"), std::string::npos); // nor its hash
    const httplib::Result refused = Post("/api/v1/snapshot/refresh", viewer_);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);
    const httplib::Result refreshed = Post("/api/v1/snapshot/refresh", editor_);
    ASSERT_TRUE(refreshed);
    EXPECT_EQ(refreshed->status, 200) << refreshed->body;
    // The file keeps hashes only.
    const std::string file = testing::ReadFile(workspace_ / ".crosswalk" / "access.json");
    EXPECT_EQ(file.find(*viewer_), std::string::npos);
    // A revoked token stops at its next request.
    AddUser(workspace_, {"leaver"});
    std::string leaver = CreateToken(workspace_, "leaver");
    EXPECT_EQ(GetJson("/api/v1/me", &leaver)["user"], "leaver");
    const ProcessResult revoked = Crosswalk({"token", "revoke", "leaver", "-w", workspace_.string()});
    ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
    EXPECT_EQ(revoked.out, "1 token revoked\n");
    ExpectError(GetJson("/api/v1/me", &leaver, 401), "unauthorized");
}

// A viewer scoped to one cost center reaches no other's rows: through any report, filter, search, export,
// explanation or bill line.
TEST_F(GeneratedApiServerTest, AScopedViewerSeesOnlyItsCostCenterEverywhere) {
    const json me = GetJson("/api/v1/me", scoped_);
    EXPECT_EQ(me["cost_centers"], json::array({kScopedCostCenter}));
    int scoped_reports = 0;
    for (const report::ReportInfo& info : report::Reports()) {
        const httplib::Result result = Get(fmt::format("/api/v1/reports/{}?limit=100000", info.name), scoped_);
        ASSERT_TRUE(result);
        const json body = json::parse(result->body);
        if (result->status == 403) {
            ExpectError(body, "forbidden"); // no cost_center column: it cannot be limited to the scope
            continue;
        }
        if (result->status != 200) {
            EXPECT_TRUE(result->status == 404 || result->status == 400) << info.name << ": " << result->body;
            continue;
        }
        ++scoped_reports;
        // The cost center is a column, or a budget's scope (scope_kind, scope_id).
        const bool by_scope = std::none_of(body["columns"].begin(), body["columns"].end(),
                                           [](const json& column) { return column["name"] == "cost_center"; });
        for (const auto& row : body["rows"]) {
            if (by_scope) {
                EXPECT_EQ(row["scope_kind"], "cost_center") << info.name;
                EXPECT_EQ(row["scope_id"], kScopedCostCenter) << info.name;
            } else {
                EXPECT_EQ(row["cost_center"], kScopedCostCenter) << info.name;
            }
        }
        for (const auto& row : body["totals"]) {
            EXPECT_FALSE(row.contains("cost_center") && row["cost_center"].is_string() &&
                         row["cost_center"] != kScopedCostCenter)
                << info.name;
        }
        // Asking for another cost center, or searching for it, finds nothing.
        const json other = GetJson(
            fmt::format("/api/v1/reports/{}?{}=CC-1000", info.name, by_scope ? "scope_id" : "cost_center"), scoped_);
        EXPECT_EQ(other["matched"], 0) << info.name;
        const httplib::Result csv = Get(fmt::format("/api/v1/reports/{}?format=csv", info.name), scoped_);
        ASSERT_TRUE(csv);
        EXPECT_EQ(csv->body.find("CC-1000"), std::string::npos) << info.name;
        EXPECT_EQ(csv->body.find("CC-1300"), std::string::npos) << info.name;
    }
    EXPECT_GE(scoped_reports, 5);
    const json chargeback = GetJson("/api/v1/reports/chargeback", scoped_);
    EXPECT_GT(chargeback["matched"], 0);
    EXPECT_EQ(GetJson("/api/v1/reports/chargeback?q=CC-1300", scoped_)["matched"], 0);
    // Explanations and bill lines: the own cost center only.
    EXPECT_GT(GetJson(fmt::format("/api/v1/explain/cost_center/{}", kScopedCostCenter), scoped_)["matched"], 0);
    ExpectError(GetJson("/api/v1/explain/cost_center/CC-1300", scoped_, 403), "forbidden");
    ExpectError(GetJson("/api/v1/explain/application/APP-WEB", scoped_, 403), "forbidden");
    ExpectError(GetJson("/api/v1/lines", scoped_, 403), "forbidden");
    ExpectError(GetJson("/api/v1/lines?cost_center=CC-1300", scoped_, 403), "forbidden");
    const json lines = GetJson(fmt::format("/api/v1/lines?cost_center={}&limit=100000", kScopedCostCenter), scoped_);
    ASSERT_GT(lines["matched"], 0);
    for (const auto& row : lines["rows"]) {
        EXPECT_EQ(row["cost_center"], kScopedCostCenter);
        EXPECT_FALSE(row["source_file"].get<std::string>().empty());
        EXPECT_GT(row["source_row"].get<int64_t>(), 0);
    }
}

// Explain this number: a statement row's cost down to the bill lines that made it, which add up to it.
TEST_F(GeneratedApiServerTest, AFigureDrillsDownToItsBillLines) {
    const json chargeback = GetJson("/api/v1/reports/chargeback?sort=-direct_billed&limit=1", viewer_);
    const json& top = chargeback["rows"][0];
    const json explained =
        GetJson(fmt::format("/api/v1/explain/cost_center/{}", top["cost_center"].get<std::string>()), viewer_);
    EXPECT_GT(explained["matched"], 0);
    const std::string lines_path =
        fmt::format("/api/v1/lines?cost_center={}&application={}&provider={}&service={}&limit=100000",
                    top["cost_center"].get<std::string>(), top["application"].get<std::string>(),
                    httplib::detail::encode_query_param(top["provider"].get<std::string>()),
                    httplib::detail::encode_query_param(top["service"].get<std::string>()));
    const json lines = GetJson(lines_path, viewer_);
    ASSERT_GT(lines["matched"], 0);
    ASSERT_EQ(lines["totals"].size(), 1U);
    // The lines' billed cost is the statement row's direct billed cost, to the last digit.
    const std::string billed = lines["totals"][0]["billed_cost"];
    const std::string direct = top["direct_billed"];
    EXPECT_EQ(std::stod(billed), std::stod(direct));
    EXPECT_EQ(billed.substr(0, billed.find('.') + 3), direct.substr(0, direct.find('.') + 3));
}

// A run while serving neither fails nor shows half a run: every answer during it is the snapshot before, and
// the server moves to the new one after.
TEST_F(GeneratedApiServerTest, ARunWhileServingNeitherFailsNorShowsHalfARun) {
    const json before = GetJson("/api/v1/snapshot", viewer_);
    const json totals = GetJson("/api/v1/reports/chargeback", viewer_)["totals"];
    std::atomic<bool> running = true;
    std::atomic<int> answers = 0;
    std::atomic<int> wrong = 0;
    std::thread reader([&] {
        while (running) {
            const httplib::Result result = Get("/api/v1/reports/chargeback", viewer_);
            if (!result || result->status != 200 || json::parse(result->body)["totals"] != totals) {
                ++wrong;
            }
            ++answers;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    // The run re-reads the same inputs and records itself (the totals stay; the snapshot moves).
    const ProcessResult run = Crosswalk({"run", "-w", workspace_.string()});
    running = false;
    reader.join();
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_GT(answers, 3);
    EXPECT_EQ(wrong, 0);
    int64_t generation = before["generation"];
    for (int i = 0; i < 100 && generation == before["generation"]; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        generation = GetJson("/api/v1/snapshot", viewer_)["generation"];
    }
    EXPECT_GT(generation, before["generation"].get<int64_t>());
    EXPECT_EQ(GetJson("/api/v1/reports/chargeback", viewer_)["totals"], totals);
}

TEST(ApiServeTest, RefusesANonLoopbackAddressWithAuthenticationOff) {
    testing::TempDir directory;
    const ProcessResult init = Crosswalk({"init", (directory / "ws").string()});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    api::ServeOptions options;
    options.root = directory / "ws";
    options.bind = "0.0.0.0";
    options.port = 0;
    try {
        api::Server server(options);
        FAIL() << "served 0.0.0.0 with authentication off";
    } catch (const Error& error) {
        EXPECT_EQ(error.Kind(), ErrorKind::kInvalidInput);
        EXPECT_NE(error.Message().find("authentication off"), std::string::npos) << error.Message();
    }
    const ProcessResult serve = Crosswalk({"serve", "-w", (directory / "ws").string(), "--bind", "0.0.0.0"});
    EXPECT_EQ(serve.exit_code, 1);
    EXPECT_NE(serve.err.find("refusing to serve on 0.0.0.0"), std::string::npos) << serve.err;
    // With a user, authentication is on and any address will do; removing the last user closes it, not opens it.
    AddUser(directory / "ws", {"ana"});
    api::Server server(options);
    EXPECT_TRUE(server.AuthenticationOn());
    const int port = server.Bind();
    std::thread listener([&] { server.Listen(); });
    const ProcessResult removed = Crosswalk({"user", "remove", "ana", "-w", (directory / "ws").string()});
    EXPECT_EQ(removed.exit_code, 0) << removed.err;
    const httplib::Result me = httplib::Client("127.0.0.1", port).Get("/api/v1/me");
    server.Stop();
    listener.join();
    ASSERT_TRUE(me);
    EXPECT_EQ(me->status, 401) << me->body;
}

} // namespace
} // namespace crosswalk
