#include "crosswalk/api/openapi.hpp"

#include <nlohmann/json.hpp>

#include "crosswalk/common/version.hpp"
#include "crosswalk/report/report_request.hpp"
#include "crosswalk/report/reports.hpp"

namespace crosswalk::api {
namespace {

using nlohmann::json;

json Ref(const std::string& name) {
    return {{"$ref", "#/components/schemas/" + name}};
}

json JsonResponse(const std::string& description, const std::string& schema) {
    return {{"description", description}, {"content", {{"application/json", {{"schema", Ref(schema)}}}}}};
}

json Errors(bool with_not_found) {
    json responses = {{"400", JsonResponse("a query parameter is wrong", "Error")},
                      {"401", JsonResponse("no valid token (authentication is on)", "Error")},
                      {"403", JsonResponse("out of the user's role or cost-center scope", "Error")},
                      {"500", JsonResponse("the server failed", "Error")}};
    if (with_not_found) {
        responses["404"] = JsonResponse("nothing by that name, or no data for it yet", "Error");
    }
    return responses;
}

json Query(const std::string& name, const std::string& description, const json& schema = {{"type", "string"}}) {
    return {{"name", name}, {"in", "query"}, {"required", false}, {"description", description}, {"schema", schema}};
}

// --as-of as the query spells it: as_of.
std::string QueryName(std::string_view option) {
    std::string name(option.substr(2));
    for (char& c : name) {
        c = c == '-' ? '_' : c;
    }
    return name;
}

json ListParameters() {
    return json::array(
        {Query("limit", "rows per page (default 1000, at most 100000)", {{"type", "integer"}, {"minimum", 1}}),
         Query("cursor", "next_cursor of the page before (keyset pagination)"),
         Query("sort", "a column to sort by; '-' first for descending (NULLs last)"),
         Query("q", "rows with a cell containing this text (case-insensitive)"),
         Query("format", "json (default), csv or xlsx: a download of every matching row",
               {{"type", "string"}, {"enum", {"json", "csv", "xlsx"}}})});
}

} // namespace

std::string OpenApiDocument() {
    json paths;
    json report_names = json::array();
    for (const report::ReportInfo& info : report::Reports()) {
        report_names.push_back(info.name);
        json parameters = ListParameters();
        for (const std::string& option : info.options) {
            if (option != "--fail-on-violation") {
                parameters.push_back(Query(QueryName(option), "the report's " + option + " (docs/reports.md)"));
            }
        }
        json get = {{"summary", info.description},
                    {"operationId", "report_" + QueryName("--" + info.name)},
                    {"tags", {"reports"}},
                    {"description",
                     "The rows of `crosswalk report " + info.name +
                         "`. Any other query parameter named like a column filters on it (comma-separated values: "
                         "any of them), e.g. provider, account, cost_center, application, tower."},
                    {"parameters", parameters},
                    {"responses", Errors(true)}};
        get["responses"]["200"] = {{"description", "a page of rows (json), or every matching row (csv, xlsx)"},
                                   {"content",
                                    {{"application/json", {{"schema", Ref("ReportPage")}}},
                                     {"text/csv", {{"schema", {{"type", "string"}}}}},
                                     {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                      {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
        paths["/api/v1/reports/" + info.name] = {{"get", get}};
    }
    const auto simple = [](const std::string& summary, const std::string& id, const std::string& schema,
                           bool not_found) {
        json responses = Errors(not_found);
        responses["200"] = JsonResponse(summary, schema);
        return json{{"get", {{"summary", summary}, {"operationId", id}, {"responses", responses}}}};
    };
    paths["/api/v1/reports"] = simple("the reports and the options each takes", "list_reports", "ReportList", false);
    paths["/api/v1/me"] = simple("who the token is: user, role, cost-center scope", "me", "Me", false);
    paths["/api/v1/snapshot"] =
        simple("the snapshot of the workspace the answers come from", "snapshot", "Snapshot", false);
    paths["/api/v1/users"] = simple("users and their tokens' ids (admin)", "users", "Users", false);
    json refresh = simple("take a new snapshot now if the workspace changed (editor)", "refresh", "Snapshot", false);
    paths["/api/v1/snapshot/refresh"] = {{"post", refresh["get"]}};
    json explain = simple("how a cost center's or application's month was built: allocation steps down to the bill "
                          "files and rows (`crosswalk explain`)",
                          "explain", "ReportPage", true);
    explain["get"]["parameters"] = ListParameters();
    explain["get"]["parameters"].push_back(
        {{"name", "dimension"},
         {"in", "path"},
         {"required", true},
         {"schema", {{"type", "string"}, {"enum", {"cost_center", "application"}}}}});
    explain["get"]["parameters"].push_back(
        {{"name", "value"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    explain["get"]["parameters"].push_back(Query("period", "the month, YYYY-MM; default: the latest"));
    paths["/api/v1/explain/{dimension}/{value}"] = explain;
    json lines = simple("the bill lines behind a figure: file and row of each, with its cost (filters: cost_center, "
                        "application, provider, service)",
                        "lines", "ReportPage", true);
    lines["get"]["parameters"] = ListParameters();
    lines["get"]["parameters"].push_back(Query("period", "the month, YYYY-MM; default: the latest"));
    paths["/api/v1/lines"] = lines;

    json schemas;
    schemas["Error"] = {{"type", "object"},
                        {"required", {"error"}},
                        {"properties",
                         {{"error",
                           {{"type", "object"},
                            {"required", {"kind", "message"}},
                            {"properties", {{"kind", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}};
    schemas["Column"] = {
        {"type", "object"},
        {"required", {"name", "type"}},
        {"properties",
         {{"name", {{"type", "string"}}},
          {"type", {{"type", "string"}, {"enum", {"text", "integer", "decimal", "money", "percentage", "date"}}}}}}};
    schemas["ReportPage"] = {
        {"type", "object"},
        {"required", {"report", "title", "snapshot", "columns", "rows", "totals", "matched", "next_cursor"}},
        {"properties",
         {{"report", {{"type", "string"}}},
          {"title", {{"type", "string"}}},
          {"snapshot", {{"type", "integer"}}},
          {"columns", {{"type", "array"}, {"items", Ref("Column")}}},
          {"rows",
           {{"type", "array"},
            {"description",
             "objects keyed by column name: integers as numbers, decimals as exact strings, NULL as null"},
            {"items", {{"type", "object"}}}}},
          {"totals", {{"type", "array"}, {"items", {{"type", "object"}}}}},
          {"matched", {{"type", "integer"}}},
          {"next_cursor", {{"type", "string"}, {"nullable", true}}}}}};
    schemas["ReportList"] = {{"type", "object"},
                             {"required", {"reports"}},
                             {"properties",
                              {{"reports",
                                {{"type", "array"},
                                 {"items",
                                  {{"type", "object"},
                                   {"required", {"name", "description", "options"}},
                                   {"properties",
                                    {{"name", {{"type", "string"}, {"enum", report_names}}},
                                     {"description", {{"type", "string"}}},
                                     {"options", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}}}}}}}};
    schemas["Me"] = {{"type", "object"},
                     {"required", {"user", "role", "cost_centers", "authentication"}},
                     {"properties",
                      {{"user", {{"type", "string"}, {"nullable", true}}},
                       {"role", {{"type", "string"}, {"enum", {"viewer", "editor", "admin"}}}},
                       {"cost_centers", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                       {"authentication", {{"type", "boolean"}}}}}};
    schemas["Snapshot"] = {{"type", "object"},
                           {"required", {"generation", "taken_at"}},
                           {"properties", {{"generation", {{"type", "integer"}}}, {"taken_at", {{"type", "string"}}}}}};
    schemas["Users"] = {{"type", "object"},
                        {"required", {"users", "tokens"}},
                        {"properties",
                         {{"users", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                          {"tokens", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}};
    const json document = {
        {"openapi", "3.0.3"},
        {"info",
         {{"title", "crosswalk API"},
          {"version", std::string(kVersion)},
          {"description", "Every report of the crosswalk CLI, from the same library calls (docs/api.md). Send "
                          "`Authorization: Bearer <token>` (crosswalk token create) once a user exists."}}},
        {"servers", json::array({{{"url", "/"}}})},
        {"components",
         {{"schemas", schemas}, {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
        {"security", json::array({{{"bearer", json::array()}}})},
        {"paths", paths}};
    return document.dump(2);
}

} // namespace crosswalk::api
